/**
 * Pure: the one formatter of a chart's numbers (axis labels and level tags). Every label of an axis uses
 * the same unit and decimals, chosen from the step, and no label is ever "-0.00%": a value that rounds to
 * zero is written as zero.
 */
import type { PanelModel } from '../panels/model.js';

/** A chart's unit (the panel's). */
export type ChartUnit = PanelModel['unit'];

/** `x` with `digits` decimals, never a negative zero ("-0.00" becomes "0.00"). */
export function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The fewest decimals (0-6) that write `x` exactly, or 6. */
export function decimalsOf(x: number): number {
  for (let d = 0; d < 6; d++) {
    const k = Math.abs(x) * 10 ** d;
    if (Math.abs(k - Math.round(k)) < 1e-6 * Math.max(1, k)) return d;
  }
  return 6;
}

/** How an axis writes its numbers: a scale into display units, a suffix and the decimals. */
export interface NumberStyle {
  scale: number;
  suffix: string;
  digits: number;
}

/**
 * The style for values up to `top` on a grid of `step`: milliseconds below 1 s, else seconds; ratios as
 * percentages; rates in thousands ("k") from 1000. The decimals are those that write the step exactly.
 */
export function numberStyle(unit: ChartUnit, top: number, step: number): NumberStyle {
  const base =
    unit === 'seconds'
      ? Math.abs(top) < 1
        ? { scale: 1000, suffix: 'ms' }
        : { scale: 1, suffix: 's' }
      : unit === 'ratio'
        ? { scale: 100, suffix: '%' }
        : Math.abs(top) >= 1000
          ? { scale: 0.001, suffix: 'k' }
          : { scale: 1, suffix: '' };
  return { ...base, digits: decimalsOf(step * base.scale) };
}

/** `x` in `style`: "250ms", "12.5%", "1.2k". */
export function styled(x: number, style: NumberStyle): string {
  return `${fixed(x * style.scale, style.digits)}${style.suffix}`;
}

/** A level's value as its tag writes it, in the decimals it needs: "250ms", "5%", "0.8". */
export function levelText(v: number, unit: ChartUnit): string {
  return styled(v, numberStyle(unit, v, v));
}
