/** In-place selection of the k-th smallest value, for quantiles without a full sort. */

/**
 * Floyd-Rivest SELECT (R. W. Floyd, R. L. Rivest, "Algorithm 489", CACM 1975), as in mourner/quickselect:
 * rearranges `arr[left..right]` so that `arr[k]` is the value a sort would put there, everything before
 * it is <= and everything after it is >=. Expected linear time. `arr` must hold no NaN.
 */
export function selectKth(arr: Float64Array, k: number, left = 0, right = arr.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a small sample around k to pick pivots that bracket it tightly.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectKth(arr, k, newLeft, newRight);
    }
    const t = arr[k]!;
    let i = left;
    let j = right;
    swap(arr, left, k);
    if (arr[right]! > t) swap(arr, left, right);
    while (i < j) {
      swap(arr, i, j);
      i++;
      j--;
      while (arr[i]! < t) i++;
      while (arr[j]! > t) j--;
    }
    if (arr[left] === t) swap(arr, left, j);
    else {
      j++;
      swap(arr, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(arr: Float64Array, i: number, j: number): void {
  const tmp = arr[i]!;
  arr[i] = arr[j]!;
  arr[j] = tmp;
}
