/**
 * The digits model's training loss against the step (eq. 5.9 as the trainer computes it: the squared
 * noise error averaged over the batch and the 64 pixels), from the progress the worker streams.
 * Only steps trained on this page have a loss: the pretrained file keeps weights, not its curve.
 */
import { XYLineChart } from '../charts/XYLineChart';
import { PALETTE } from '../charts/palette';
import { useRun } from '../state/runStore';
import type { ImageModelId } from '../engine/modelIds';

export function ImageLossCurve({ model = 'images' }: { model?: ImageModelId }) {
  const history = useRun((s) => s.models[model].lossHistory);
  if (history.length < 2) {
    return (
      <p className="image-loss-empty" data-testid="image-loss-empty">
        Loss: the curve starts when you train. The pretrained model's own training curve is not stored with it.
      </p>
    );
  }
  const steps = history.map(([step]) => step);
  const losses = history.map(([, loss]) => loss);
  const top = Math.max(...losses.slice(Math.min(2, losses.length - 1)));
  return (
    <div data-testid="image-loss-curve" data-points={history.length}>
      <XYLineChart
        description={`Training loss (mean per pixel) from step ${steps[0]} to ${steps.at(-1)}, now ${losses.at(-1)!.toFixed(3)}`}
        xLabel="training step"
        yLabel="loss (mean per pixel)"
        series={[{ key: 'loss', label: 'loss', x: steps, y: losses, color: PALETTE.blue }]}
        xDomain={[steps[0]!, Math.max(steps[0]! + 1, steps.at(-1)!)]}
        yDomain={[0, Math.max(0.1, Math.min(2, top))]}
        height={180}
      />
    </div>
  );
}
