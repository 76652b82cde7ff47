/**
 * Pixel space against latent space on the same digits (issue 15): the dimensions the DDPM works in,
 * the training it took to clear the digit bar, and the sample quality then (confident share, FID).
 * The latent column is measured on this page; the pixel column is quoted (latentComparison.ts says from where).
 */
import type { LatentCheck } from './latentComparison';
import { formatRange, LATENT_NOISE_CODES_D2, LATENT_NOISE_CODES_D8, PIXEL_REFERENCE } from './latentComparison';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

export function LatentComparisonTable({ d, pass, pending }: { d: number; pass: LatentCheck | null; pending: string }) {
  const p = PIXEL_REFERENCE;
  const latent = (f: (c: LatentCheck) => string): string => (pass ? f(pass) : pending);
  return (
    <>
      <div className="latent-table-scroll">
        <table className="lab-table latent-table" aria-label="pixel space against latent space" data-testid="latent-comparison">
          <thead>
            <tr><th scope="col">to the digit bar</th><th scope="col">pixel space</th><th scope="col">latent space</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row">dimensions</th><td>{p.dims}</td><td>{d}</td></tr>
            <tr><th scope="row">training steps</th><td>{formatRange(p.stepsToBar)}</td><td data-testid="latent-steps-to-bar">{latent((c) => c.step.toLocaleString('en-US'))}</td></tr>
            <tr><th scope="row">training seconds</th><td>{formatRange(p.secondsToBar, 1)}</td><td data-testid="latent-seconds-to-bar">{latent((c) => c.trainSeconds.toFixed(1))}</td></tr>
            <tr><th scope="row">confident share</th><td>{pct(p.confidentShare)}</td><td>{latent((c) => pct(c.score.confidentShare))}</td></tr>
            <tr><th scope="row">FID</th><td>{p.frechet.toFixed(1)}</td><td>{latent((c) => c.score.frechet.toFixed(1))}</td></tr>
          </tbody>
        </table>
      </div>
      <p className="lab-note">
        Both at the first check that clears the bar, {p.samples.toLocaleString('en-US')} samples each. Latent: measured here, checked once a second (so up to a
        second late; training time in the worker, checks excluded; the autoencoder was trained beforehand and is not counted). Pixel: quoted, not run here: the
        chapter-8 model from scratch, which is told the digit (<code>npm run bench</code>, Chromium on WASM, three runs; confident share and FID from its recipe&apos;s
        measurement). The same pixel network without the digit, as the latent
        DDPM has none, was still short of the bar after {p.unconditional.steps.toLocaleString('en-US')} steps ({p.unconditional.seconds} s under Node on a busy machine:{' '}
        {pct(p.unconditional.confidentShare)} confident, FID {p.unconditional.frechet}).
        {d === 2 ? (
          <>
            {' '}At d = 2 the bar says little: codes drawn from N(0, I) and decoded, with no DDPM at all, already pass it ({pct(LATENT_NOISE_CODES_D2.confidentShare)} confident,
            FID {LATENT_NOISE_CODES_D2.frechet}); the FID is what shows the DDPM learning the cloud.
          </>
        ) : (
          <>
            {' '}Read the FIDs with care: codes drawn from N(0, I) and decoded, with no DDPM at all, score {LATENT_NOISE_CODES_D8.frechet} ({pct(LATENT_NOISE_CODES_D8.confidentShare)}{' '}
            confident, short of the bar), already below the pixel column, so part of the latent lead is the decoder&apos;s.
          </>
        )}
      </p>
    </>
  );
}
