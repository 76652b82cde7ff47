import { ScheduleChart } from '../charts/ScheduleChart';
import { TrainingPanel } from './TrainingPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Diffusion Playground</h1>
        <p className="app-tagline">
          An interactive, in-browser playground for learning how denoising diffusion probabilistic models (DDPM)
          turn noise into data, one step at a time.
        </p>
      </header>
      <main className="app-main">
        <section className="card" aria-labelledby="schedules-heading">
          <h2 id="schedules-heading">Noise schedules</h2>
          <p className="card-lede">
            The forward process adds Gaussian noise of variance β<sub>t</sub> at each step t. The running product
            ᾱ<sub>t</sub> = ∏(1 − β<sub>s</sub>) is the fraction of the original signal left after t steps: a good
            schedule takes it smoothly from 1 down to nearly 0.
          </p>
          <ScheduleChart />
        </section>
        <section className="card" aria-labelledby="training-heading">
          <h2 id="training-heading">Train a denoiser</h2>
          <p className="card-lede">
            A small network learns to predict the noise in noisy two-moons points (Algorithm 1), then turns fresh
            Gaussian noise into new points (DDIM, 50 steps). It trains in a background worker, so the page stays
            responsive.
          </p>
          <TrainingPanel />
        </section>
      </main>
      <footer className="app-footer">Runs entirely in your browser; nothing is sent anywhere.</footer>
    </div>
  );
}
