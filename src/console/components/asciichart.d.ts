/** Types for asciichart 1.5 (it ships none). */
declare module 'asciichart' {
  interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    symbols?: string[];
    format?: (x: number, i: number) => string;
  }
  const asciichart: {
    plot(series: number[] | number[][], cfg?: PlotConfig): string;
    /** `char` in `color` and a reset; `char` as is when `color` is undefined. */
    colored(char: string, color: string | undefined): string;
    red: string;
    green: string;
    yellow: string;
    blue: string;
    cyan: string;
    magenta: string;
    darkgray: string;
    default: string;
    reset: string;
  };
  export default asciichart;
}
