/** The tfjs half of the engine: the denoiser network, training (Algorithm 1) and sampling (Algorithm 2, DDIM). */
export * from './choices';
export * from './denoiserConfig';
export * from './denoiser';
export * from './trainer';
export * from './sampler';
export * from './guidedSampler';
export * from './tensorSteps';
export * from './sinusoidalEmbedding';
export * from './gaussianOracle';
export * from './labModels';
export * from './autoencoder';
