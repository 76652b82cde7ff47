/** Shown by training charts before there is anything to draw. */
export function TrainHint({ what }: { what: string }) {
  return <p className="widget-planned">Press Train in the panel above to see {what} fill in as the model learns.</p>;
}
