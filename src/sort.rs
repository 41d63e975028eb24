//! Stable sorting with one shared, non-generic sorting routine.
//!
//! `slice::sort_by` compiles a separate copy of the standard library's
//! driftsort for every element type and comparator it is called with: about
//! 8 KB of wasm per call site (measured: 198 sort functions, 162 KB, 40 KB
//! gzip, for about 30 call sites here and in the regex crates). These
//! functions sort a permutation of indices with one merge sort that takes
//! the comparator as `&mut dyn FnMut`, then move the elements into place, so
//! each call site costs a few dozen bytes.
//!
//! A stable sort's output is fully determined by the comparator, so the
//! results are exactly those of `sort_by`. The lists sorted through here are
//! short (findings, entities, evidence, a few hundred at most); the hot
//! feature-vector sorts of the classifier stay on `sort_unstable`.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub(crate) fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut perm = {
        let items: &[T] = v;
        order(items.len(), &mut |a, b| cmp(&items[a], &items[b]) == Ordering::Less)
    };
    apply(v, &mut perm);
}

/// Sorts `v` stably by a key, like `v.sort_by_key(key)`.
pub(crate) fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order, like `v.sort()`.
pub(crate) fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The stable sorted order of `0..n` under `less`: `result[i]` is the index
/// of the element that belongs at `i`. Insertion sort on runs of 8, then
/// bottom-up merges.
#[inline(never)]
fn order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    const RUN: usize = 8;
    let mut a: Vec<usize> = (0..n).collect();
    for run in a.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            while j > 0 && less(x, run[j - 1]) {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    if n <= RUN {
        return a;
    }
    let mut b = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right only when strictly smaller: stable.
                if j < end && (i >= mid || less(a[j], a[i])) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Rearranges `v` so that the new `v[i]` is the old `v[perm[i]]`, by
/// following the permutation's cycles (`perm` is used up).
fn apply<T>(v: &mut [T], perm: &mut [usize]) {
    for i in 0..perm.len() {
        if perm[i] == i {
            continue;
        }
        let mut j = i;
        loop {
            let k = perm[j];
            perm[j] = j;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same order as the standard library's stable sort, ties included.
    #[test]
    fn matches_std_stable_sort() {
        let mut seed = 0x2545_f491_u32;
        for n in [0usize, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 257, 1000] {
            for range in [2u32, 10, 1000] {
                let items: Vec<(u32, usize)> = (0..n)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        (seed % range, i)
                    })
                    .collect();
                let mut ours = items.clone();
                by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = items.clone();
                std.sort_by(|a, b| a.0.cmp(&b.0));
                assert_eq!(ours, std, "n={n} range={range}");
                let mut ours = items.clone();
                by_key(&mut ours, |a| std::cmp::Reverse(a.0));
                let mut std = items.clone();
                std.sort_by_key(|a| std::cmp::Reverse(a.0));
                assert_eq!(ours, std, "n={n} range={range} reversed");
                let mut ours = items.clone();
                ascending(&mut ours);
                let mut std = items;
                std.sort();
                assert_eq!(ours, std);
            }
        }
    }
}
