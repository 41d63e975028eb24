//! The linear model as shipped: pruned, quantised weights over hashed
//! features, decoded once from `data/model/intent.bin`.
//!
//! One row of weights per kept bucket, one column per output. The outputs
//! are the 13 intents (a softmax, so the scores compete) followed by the 7
//! risk flags (independent sigmoids, so any number can fire). Sharing the
//! rows keeps the file small: a bucket useful to any output is stored once.
//!
//! File layout (little-endian), written by `src/classify/training`:
//!
//! ```text
//! "TCTM"  u8 format  u16 feature version  u8 log2(buckets)
//! u8 intents  u8 risks  u32 rows
//! f32 temperature  f32 confidence floor  f32 secondary threshold
//! f32 × risks       probability thresholds of the learned risk heads
//! f32 × outputs     scale (weight = i8 × scale)
//! f32 × outputs     bias
//! LEB128 × rows     bucket of each row, as gaps from the previous one
//! i8 × rows         one block per output (column-major: zeros run together,
//!                   which gzip likes)
//! ```

use super::features::{BUCKETS_LOG2, FEATURE_VERSION};

const MAGIC: &[u8; 4] = b"TCTM";
pub(crate) const FORMAT: u8 = 1;

/// Index value meaning "bucket not kept".
const ABSENT: u16 = u16::MAX;

/// Thresholds fitted on cross-validation predictions, stored with the
/// weights they were fitted for.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// Softmax temperature (confidence calibration by temperature scaling).
    pub temperature: f32,
    /// Below this primary probability the answer is `other`.
    pub floor: f32,
    /// A non-primary intent with at least this probability is a secondary.
    pub secondary: f32,
    /// Per risk head: the probability at which the learned head raises it.
    pub risk_thresholds: Vec<f32>,
}

/// Decoded weights and the thresholds calibrated with them.
#[derive(Clone, Debug)]
pub struct Model {
    pub intents: usize,
    pub risks: usize,
    pub calibration: Calibration,
    scale: Vec<f32>,
    bias: Vec<f32>,
    /// bucket → row, `ABSENT` when the bucket was pruned.
    index: Vec<u16>,
    /// Row-major `rows × outputs` quantised weights.
    weights: Vec<i8>,
    rows: usize,
}

/// Reads little-endian values off a byte slice, failing on truncation.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("model file is truncated")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, String> {
        (0..n).map(|_| self.f32()).collect()
    }
    fn leb128(&mut self) -> Result<u32, String> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("model file has a malformed bucket gap".into())
    }
}

impl Model {
    /// Decodes a model file; fails on a wrong magic, format, feature version
    /// or truncation, so a stale model can never silently score garbage.
    pub fn decode(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err("not a Tactful model file".into());
        }
        let format = r.u8()?;
        let features = r.u16()?;
        let log2 = r.u8()?;
        if format != FORMAT || features != FEATURE_VERSION || u32::from(log2) != BUCKETS_LOG2 {
            return Err(format!(
                "model was built for format {format}, features {features}, 2^{log2} buckets; this build needs {FORMAT}, {FEATURE_VERSION}, 2^{BUCKETS_LOG2}: retrain"
            ));
        }
        let intents = usize::from(r.u8()?);
        let risks = usize::from(r.u8()?);
        let rows = r.u32()? as usize;
        if rows >= usize::from(ABSENT) {
            return Err("model has too many rows".into());
        }
        let outputs = intents + risks;
        let temperature = r.f32()?;
        let floor = r.f32()?;
        let secondary = r.f32()?;
        let risk_thresholds = r.f32s(risks)?;
        let scale = r.f32s(outputs)?;
        let bias = r.f32s(outputs)?;
        let mut index = vec![ABSENT; 1 << BUCKETS_LOG2];
        let mut bucket: u32 = 0;
        for row in 0..rows {
            let gap = r.leb128()?;
            bucket = if row == 0 { gap } else { bucket.checked_add(gap).ok_or("bucket overflow")? };
            let slot = index.get_mut(bucket as usize).ok_or("bucket out of range")?;
            *slot = row as u16;
        }
        let mut weights = vec![0i8; rows * outputs];
        for o in 0..outputs {
            let block = r.take(rows)?;
            for (row, &b) in block.iter().enumerate() {
                weights[row * outputs + o] = b as i8;
            }
        }
        if r.at != bytes.len() {
            return Err("model file has trailing bytes".into());
        }
        let calibration = Calibration { temperature, floor, secondary, risk_thresholds };
        Ok(Model { intents, risks, calibration, scale, bias, index, weights, rows })
    }

    /// Number of outputs (intents, then risks).
    pub fn outputs(&self) -> usize {
        self.intents + self.risks
    }

    /// Number of kept buckets.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The quantised row of `bucket`, if it was kept.
    fn row(&self, bucket: u32) -> Option<&[i8]> {
        let r = *self.index.get(bucket as usize)?;
        if r == ABSENT {
            return None;
        }
        let n = self.outputs();
        let start = usize::from(r) * n;
        self.weights.get(start..start + n)
    }

    /// The dequantised weight of `bucket` for `output` (0 when pruned).
    pub fn weight(&self, bucket: u32, output: usize) -> f32 {
        self.row(bucket).and_then(|row| row.get(output)).map_or(0.0, |&q| f32::from(q) * self.scale[output])
    }

    /// Raw scores (logits) of every output for a feature vector.
    pub fn logits(&self, vector: &[(u32, f32)]) -> Vec<f32> {
        let n = self.outputs();
        let mut acc = vec![0f32; n];
        for &(bucket, value) in vector {
            if let Some(row) = self.row(bucket) {
                for (a, &q) in acc.iter_mut().zip(row) {
                    *a += f32::from(q) * value;
                }
            }
        }
        acc.iter().zip(&self.scale).zip(&self.bias).map(|((a, s), b)| a * s + b).collect()
    }

}

/// Softmax of `z / temperature`, stable for large logits.
pub fn softmax(z: &[f32], temperature: f32) -> Vec<f32> {
    let t = if temperature > 0.0 { temperature } else { 1.0 };
    let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let e: Vec<f32> = z.iter().map(|&v| crate::float::exp((v - max) / t)).collect();
    let sum: f32 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + crate::float::exp(-z))
}

/// Appends `v` as LEB128 (7 bits per byte, high bit = more).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn push_leb128(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The pieces of a model file, as the trainer produces them.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Encoded<'a> {
    pub intents: usize,
    pub risks: usize,
    pub calibration: &'a Calibration,
    pub scale: &'a [f32],
    pub bias: &'a [f32],
    /// Kept buckets, ascending, with their row of quantised weights.
    pub rows: &'a [(u32, Vec<i8>)],
}

#[cfg(not(target_arch = "wasm32"))]
impl Encoded<'_> {
    /// The model file bytes, in the layout [`Model::decode`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.push(BUCKETS_LOG2 as u8);
        out.push(self.intents as u8);
        out.push(self.risks as u8);
        out.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        let c = self.calibration;
        for v in [c.temperature, c.floor, c.secondary]
            .iter()
            .chain(&c.risk_thresholds)
            .chain(self.scale)
            .chain(self.bias)
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut prev = 0u32;
        for (i, (bucket, _)) in self.rows.iter().enumerate() {
            push_leb128(&mut out, if i == 0 { *bucket } else { bucket - prev });
            prev = *bucket;
        }
        for o in 0..self.intents + self.risks {
            out.extend(self.rows.iter().map(|(_, row)| row[o] as u8));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let rows = vec![(3u32, vec![1i8, -2, 3]), (70_000, vec![0, 127, -127])];
        let bytes = Encoded {
            intents: 2,
            risks: 1,
            calibration: &Calibration { temperature: 1.5, floor: 0.3, secondary: 0.25, risk_thresholds: vec![0.6] },
            scale: &[0.5, 0.25, 1.0],
            bias: &[0.1, -0.1, 0.0],
            rows: &rows,
        }
        .to_bytes();
        let m = Model::decode(&bytes).unwrap();
        assert_eq!(m.rows(), 2);
        assert_eq!(m.weight(70_000, 1), 127.0 * 0.25);
        assert_eq!(m.weight(3, 1), -0.5);
        assert_eq!(m.weight(4, 1), 0.0);
        let z = m.logits(&[(3, 2.0)]);
        assert!((z[0] - (2.0 * 0.5 + 0.1)).abs() < 1e-6);
        assert!(Model::decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
