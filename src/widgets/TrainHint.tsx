import { useSettings } from '../state/settingsStore';

/**
 * Shown by training charts before there is anything to draw. It names the Train button only
 * where there is one above: not in an embed (the widget is alone) nor with `controls=hidden`.
 */
export function TrainHint({ what }: { what: string }) {
  const noTrainButton = useSettings((s) => s.embed !== '' || s.controls === 'hidden');
  if (noTrainButton) return <p className="widget-planned">No training has run in this view yet: {what} fills in while the model trains.</p>;
  return <p className="widget-planned">Press Train in the panel above to see {what} fill in as the model learns.</p>;
}
