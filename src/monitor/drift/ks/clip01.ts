/** The one probability clamp of the scipy port. */

/** np.clip(p, 0, 1): a probability computed by subtraction or a series, kept in [0, 1]; NaN stays NaN. */
export const clip01 = (p: number): number => Math.min(Math.max(p, 0), 1);
