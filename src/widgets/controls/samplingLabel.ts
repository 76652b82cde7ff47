/** A sampler's options as a reader reads them: "DDIM, 50 steps, η = 0" or "DDPM, 1000 steps". */
import type { SampleRequestOptions } from '../../worker/protocol';
import { formatSettingValue } from './sliderScale';

export function samplingLabel(o: Pick<SampleRequestOptions, 'method' | 'steps' | 'eta'>): string {
  const steps = `${o.steps} ${o.steps === 1 ? 'step' : 'steps'}`;
  return o.method === 'ddim' ? `DDIM, ${steps}, η = ${formatSettingValue(o.eta)}` : `DDPM, ${steps}`;
}
