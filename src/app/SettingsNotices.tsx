/** What a link or a host page asked for that could not be used as given, and what was used instead. */
import { dismissNotices, useSettings } from '../state/settingsStore';

export function SettingsNotices() {
  const notices = useSettings((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notice notice-warning settings-notices" role="status" data-testid="settings-notices">
      <p>Some settings in this link were adjusted:</p>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={dismissNotices}>
        Dismiss
      </button>
    </div>
  );
}
