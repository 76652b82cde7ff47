/**
 * The latent sizes latent diffusion offers (no tfjs here, so the page and the request checks can
 * import it): 2, drawn as a scatter plot, and 8, sharper digits (latentRecipe.ts has the figures).
 */
export const LATENT_DIMS = [2, 8] as const;
export type LatentDim = (typeof LATENT_DIMS)[number];
/** The default latent size: the one whose samples come closest to real digits (FID 1.6 against d = 2's 4.2). */
export const DEFAULT_LATENT_DIM: LatentDim = 8;
