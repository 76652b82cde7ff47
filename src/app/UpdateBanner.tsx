/** "A new version is ready": shown when a newer deployment is installed; reloading is the reader's choice. */
import { useRun } from '../state/runStore';

export function UpdateBanner() {
  const update = useRun((s) => s.update);
  if (!update) return null;
  return (
    <p className="notice notice-info" role="status">
      A new version of the playground is ready. <button type="button" onClick={update}>Reload to use it</button> (your trained model is saved first
      at every checkpoint and pause).
    </p>
  );
}
