//! Plain stochastic gradient descent for the linear model: a softmax over
//! the intents plus one logistic head per risk flag, over the same hashed
//! features; with `svm_c` > 0 (the default) it trains only the risk heads
//! and [`super::svm`] trains the intents. Deterministic: a fixed seed orders the samples, and nothing
//! else is random.

use crate::classify::features::BUCKETS_LOG2;
use crate::classify::model::{sigmoid, softmax};

/// Training settings. The defaults are what the shipped model uses.
#[derive(Clone, Debug)]
pub struct Hyper {
    pub epochs: usize,
    /// Learning rate of the first epoch; epoch `e` uses `lr / sqrt(1 + e)`.
    pub lr: f32,
    /// L2 shrinkage per epoch (`w /= 1 + lr·l2`): keeps weights small so the
    /// softmax is not over-confident and quantises well.
    pub l2: f32,
    /// L1 soft threshold per epoch (`|w| -= lr·l1`): zeroes the weights of
    /// rare, useless buckets so pruning removes little that matters.
    pub l1: f32,
    /// Target probability of the primary intent when secondaries are
    /// labelled; the rest is shared among the secondaries. (This and
    /// `also_weight` shape the softmax intents, which ship only with
    /// `svm_c` = 0.)
    pub primary_share: f32,
    /// Weight of a positive example in the risk heads (risks are rare).
    pub risk_positive_weight: f32,
    /// Weight of the intent loss of a message labelled with secondary
    /// intents (`also`): they are few, and their shared target is what
    /// teaches the softmax to keep a visible share for the second intent.
    pub also_weight: f32,
    pub seed: u64,
    /// Buckets kept after pruning: the rows with the largest weights. Sets
    /// the size of the shipped model (about `rows × 21` bytes before gzip,
    /// 9 after). 10,000 rather than 5,000: held-out macro-F1 0.831 -> 0.840
    /// and safety recall 0.91 -> 0.94 for 36 KB more gzip (measured
    /// 2026-12-04; the README's classifier section has the whole curve).
    pub max_rows: usize,
    /// Cost C of the intent SVMs ([`super::svm`]); 0 keeps the softmax
    /// intents this SGD trains (`--hyper svm_c=0` reproduces them).
    pub svm_c: f32,
    /// Passes of the SVMs' coordinate descent per intent.
    pub svm_epochs: usize,
}

impl Default for Hyper {
    fn default() -> Hyper {
        Hyper { epochs: 20, lr: 1.0, l2: 0.01, l1: 0.0002, primary_share: 0.7, risk_positive_weight: 3.0, also_weight: 1.0, seed: 0x7AC7_F011, max_rows: 10_000, svm_c: 1.0, svm_epochs: 15 }
    }
}

/// One training sample: its feature vector and targets.
#[derive(Clone, Debug)]
pub struct Sample {
    pub x: Vec<(u32, f32)>,
    /// Target distribution over the intents (sums to 1).
    pub intent: Vec<f32>,
    /// 0/1 per risk head.
    pub risks: Vec<f32>,
}

/// Full-precision weights, `buckets × outputs`, row-major.
#[derive(Clone, Debug)]
pub struct Dense {
    pub intents: usize,
    pub risks: usize,
    pub w: Vec<f32>,
    pub bias: Vec<f32>,
}

impl Dense {
    pub fn outputs(&self) -> usize {
        self.intents + self.risks
    }

    fn logits(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let n = self.outputs();
        let mut z = self.bias.clone();
        for &(b, v) in x {
            let row = &self.w[b as usize * n..(b as usize + 1) * n];
            for (zi, wi) in z.iter_mut().zip(row) {
                *zi += wi * v;
            }
        }
        z
    }
}

/// SplitMix64: a tiny, well-mixed generator, enough to shuffle.
pub(super) struct SplitMix(pub(super) u64);

impl SplitMix {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Trains on `samples` and returns the weights.
pub fn train(samples: &[&Sample], intents: usize, risks: usize, hyper: &Hyper) -> Dense {
    let outputs = intents + risks;
    let buckets = 1usize << BUCKETS_LOG2;
    let mut model = Dense { intents, risks, w: vec![0.0; buckets * outputs], bias: vec![0.0; outputs] };
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut rng = SplitMix(hyper.seed);
    let mut grad = vec![0f32; outputs];
    // Average of the end-of-epoch weights over the second half of training
    // (Polyak averaging): smooths out the last samples' pull, which
    // generalises better than the final iterate.
    let mut average = Dense { intents, risks, w: vec![0.0; buckets * outputs], bias: vec![0.0; outputs] };
    let mut averaged = 0usize;
    for epoch in 0..hyper.epochs {
        // Fisher–Yates with the seeded generator.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = hyper.lr / (1.0 + epoch as f32).sqrt();
        for &k in &order {
            let s = samples[k];
            let z = model.logits(&s.x);
            // With SVM intents these columns are replaced afterwards: their
            // gradient stays 0 rather than being computed for nothing.
            if hyper.svm_c <= 0.0 {
                let p = softmax(&z[..intents], 1.0);
                let shared = s.intent.iter().filter(|&&t| t > 0.0).count() > 1;
                let w = if shared { hyper.also_weight } else { 1.0 };
                for i in 0..intents {
                    grad[i] = (p[i] - s.intent[i]) * w;
                }
            }
            for r in 0..risks {
                let y = s.risks[r];
                let q = sigmoid(z[intents + r]);
                let weight = if y > 0.5 { hyper.risk_positive_weight } else { 1.0 };
                grad[intents + r] = (q - y) * weight;
            }
            for &(b, v) in &s.x {
                let row = &mut model.w[b as usize * outputs..(b as usize + 1) * outputs];
                for (wi, gi) in row.iter_mut().zip(&grad) {
                    *wi -= lr * gi * v;
                }
            }
            for (bi, gi) in model.bias.iter_mut().zip(&grad) {
                *bi -= lr * gi;
            }
        }
        let shrink = 1.0 / (1.0 + lr * hyper.l2);
        let cut = lr * hyper.l1;
        for w in &mut model.w {
            let v = *w * shrink;
            *w = if v > cut {
                v - cut
            } else if v < -cut {
                v + cut
            } else {
                0.0
            };
        }
        if epoch >= hyper.epochs / 2 {
            for (a, w) in average.w.iter_mut().zip(&model.w) {
                *a += w;
            }
            for (a, b) in average.bias.iter_mut().zip(&model.bias) {
                *a += b;
            }
            averaged += 1;
        }
    }
    let n = averaged.max(1) as f32;
    for a in average.w.iter_mut().chain(average.bias.iter_mut()) {
        *a /= n;
    }
    average
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Two intents, each with its own feature: bucket 10 for intent 0,
    /// bucket 11 for intent 1. Shared with the SVM's tests.
    pub(in crate::classify::training) fn toy_samples() -> Vec<Sample> {
        (0..40)
            .map(|i| {
                let c = i % 2;
                Sample { x: vec![(c as u32 + 10, 1.0)], intent: if c == 0 { vec![1.0, 0.0] } else { vec![0.0, 1.0] }, risks: vec![] }
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_toy_problem_deterministically() {
        let samples = toy_samples();
        // The softmax intents: with SVM intents the SGD leaves them to svm.rs.
        let h = Hyper { epochs: 5, svm_c: 0.0, ..Hyper::default() };
        let refs: Vec<&Sample> = samples.iter().collect();
        let a = train(&refs, 2, 0, &h);
        let b = train(&refs, 2, 0, &h);
        assert_eq!(a.w, b.w);
        let z = a.logits(&[(10, 1.0)]);
        assert!(z[0] > z[1]);
    }
}
