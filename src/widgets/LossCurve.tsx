/**
 * The smoothed training loss against the step, streamed from the worker (Algorithm 1's objective,
 * eq. 5.9), as the trainer computes it: averaged over the batch and over both coordinates, so half
 * of the per-point ‖ε − ε_θ‖² that the Algorithm 1 step-through shows.
 */
import { XYLineChart } from '../charts/XYLineChart';
import { PALETTE } from '../charts/palette';
import { useRun } from '../state/runStore';
import { TrainHint } from './TrainHint';
import { WidgetSettings } from './controls/SettingsBar';

/** The training settings the curve's shape depends on. */
const KNOBS = ['lr', 'batch'] as const;

export default function LossCurve() {
  const history = useRun((s) => s.lossHistory);
  if (history.length < 2) {
    return (
      <>
        <WidgetSettings keys={KNOBS} label="Training settings" />
        <TrainHint what="the loss curve" />
      </>
    );
  }
  const steps = history.map(([step]) => step);
  const losses = history.map(([, loss]) => loss);
  const top = Math.max(...losses.slice(Math.min(2, losses.length - 1)));
  return (
    <div className="widget-body" data-testid="loss-curve">
      <WidgetSettings keys={KNOBS} label="Training settings" />
      <XYLineChart
        description={`Training loss (mean per coordinate) over ${steps.at(-1)} steps, now ${losses.at(-1)!.toFixed(3)}`}
        xLabel="training step"
        yLabel="loss (mean per coordinate)"
        series={[{ key: 'loss', label: 'smoothed loss', x: steps, y: losses, color: PALETTE.blue }]}
        xDomain={[0, Math.max(1, steps.at(-1)!)]}
        yDomain={[0, Math.max(0.1, Math.min(2, top))]}
      />
    </div>
  );
}
