/** What a link or a host page asked for that could not be used as given, and what was used instead. */
import { dismissNotices, useSettings } from '../state/settingsStore';

/** `compact`: for an embed, one small box over the top of the frame that takes no room from the widget. */
export function SettingsNotices({ compact = false }: { compact?: boolean }) {
  const notices = useSettings((s) => s.notices);
  if (notices.length === 0) return null;
  if (compact) {
    return (
      <div className="notice notice-warning settings-notices settings-notices-compact" role="status" data-testid="settings-notices">
        <ul>
          {notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <button type="button" onClick={dismissNotices} aria-label="Dismiss" title="Dismiss">
          ×
        </button>
      </div>
    );
  }
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
