//! `exp` and `ln` that give the same bits natively and in WebAssembly.
//!
//! `f32::exp` and `f32::ln` call the platform's maths library: glibc on
//! Linux, a port of musl's in `wasm32-unknown-unknown`. Both are accurate,
//! but they may round the last bit differently, and a confidence printed
//! as 0.6990313 by the CLI and 0.69903123 by the browser breaks the
//! promise that every surface gives the same answer (it did, on one
//! Japanese message, once the model grew to 10,000 rows). These versions
//! use only `+ − × ÷`, `floor`, bit casts and `f64 → f32` rounding, which
//! IEEE 754 defines exactly and every target performs alike, so the result
//! is the same everywhere. They work in `f64` and round once, so they are
//! as accurate as `f32` can hold (checked against `std` in the tests).

use std::f64::consts::LN_2;

/// 1/n! for n = 0..=12.
const EXP_TAYLOR: [f64; 13] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
];

/// 1/(2n + 1) for n = 0..=10.
const ATANH_SERIES: [f64; 11] =
    [1.0, 1.0 / 3.0, 1.0 / 5.0, 1.0 / 7.0, 1.0 / 9.0, 1.0 / 11.0, 1.0 / 13.0, 1.0 / 15.0, 1.0 / 17.0, 1.0 / 19.0, 1.0 / 21.0];

/// e^x.
pub fn exp(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    // Beyond these e^x is not a finite or non-zero f32.
    if x > 89.0 {
        return f32::INFINITY;
    }
    if x < -104.0 {
        return 0.0;
    }
    let x = f64::from(x);
    // x = k·ln 2 + r with |r| ≤ ln 2 / 2, so e^x = 2^k · e^r.
    let k = (x / LN_2 + 0.5).floor();
    let r = x - k * LN_2;
    // Taylor series of e^r to the 12th power, by Horner's rule with the
    // coefficients 1/n! as constants (no division at run time): at
    // |r| ≤ 0.347 the next term is below 1e-14.
    let mut sum = EXP_TAYLOR[12];
    for &c in EXP_TAYLOR[..12].iter().rev() {
        sum = sum * r + c;
    }
    // 2^k is a normal f64 for every k in range (-151 ..= 129).
    let two_k = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    (sum * two_k) as f32
}

/// The natural logarithm.
pub fn ln(x: f32) -> f32 {
    if x.is_nan() || x < 0.0 {
        return f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x.is_infinite() {
        return f32::INFINITY;
    }
    // Every positive f32, subnormals included, is a normal f64: split it
    // as m · 2^e with m in [1, 2), then move m into [√½, √2) so the series
    // below converges fast.
    let x = f64::from(x);
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    // ln m = 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …), s = (m − 1)/(m + 1),
    // |s| ≤ 0.172: by Horner's rule in s², eleven terms; the next is below
    // 1e-17.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut series = ATANH_SERIES[10];
    for &c in ATANH_SERIES[..10].iter().rev() {
        series = series * s2 + c;
    }
    let sum = s * series;
    (e as f64 * LN_2 + 2.0 * sum) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place.
    fn ulps(a: f32, b: f32) -> u32 {
        if a == b {
            return 0;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs() as u32
    }

    #[test]
    fn exp_is_as_close_to_std_as_rounding_allows() {
        let mut worst = 0;
        let mut x = -103.0f32;
        while x < 88.5 {
            worst = worst.max(ulps(exp(x), x.exp()));
            x += 0.0137;
        }
        assert!(worst <= 1, "worst {worst} ulps");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1.0), std::f32::consts::E);
        assert_eq!(exp(200.0), f32::INFINITY);
        assert_eq!(exp(-200.0), 0.0);
        assert_eq!(exp(f32::NEG_INFINITY), 0.0);
        assert!(exp(f32::NAN).is_nan());
    }

    #[test]
    fn ln_is_as_close_to_std_as_rounding_allows() {
        let mut worst = 0;
        for bits in (1u32..0x7f80_0000).step_by(9_973) {
            let x = f32::from_bits(bits);
            worst = worst.max(ulps(ln(x), x.ln()));
        }
        for n in 1..5_000u32 {
            worst = worst.max(ulps(ln(n as f32), (n as f32).ln()));
        }
        assert!(worst <= 1, "worst {worst} ulps");
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(2.0), std::f32::consts::LN_2);
        assert_eq!(ln(0.0), f32::NEG_INFINITY);
        assert_eq!(ln(f32::INFINITY), f32::INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f32::NAN).is_nan());
    }
}
