"""How far a bag of n-grams gets on our corpus with no size limit.

A reference point, not a competitor: scikit-learn's TF-IDF features
(character 1-4-grams and word 1-2-grams of the lower-cased, accent-folded
text) and a linear SVM, trained on the trainer's own training split and
scored on its held-out split with the same macro-F1 the trainer prints.
It then keeps only the k features with the largest weight in any class and
refits on those, the way `train` prunes to the rows the wasm can carry, so
the cost of the size budget shows up as a number.

    cargo run --release --bin train -- --export-split /tmp/split
    pip install scikit-learn
    python3 tests/compare/svm_reference.py /tmp/split

Measured 2026-12-04 on the 26,414-message corpus: 0.884 with every
feature (per language 0.87-0.90), 0.862 with 20,000, 0.833 with 5,000.
"""

import json
import sys
import unicodedata
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

LANGS = ["en", "de", "fr", "it", "es", "ja"]
KEEP = [5_000, 20_000]


def read(path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], [r["intent"] for r in rows], [r["lang"] for r in rows]


def fold(text):
    """Lower case without accents: buyers often leave them out."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def macro_f1(gold, predicted):
    return f1_score(gold, predicted, average="macro")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: svm_reference.py SPLIT_DIR (written by `train -- --export-split`)")
    split = Path(sys.argv[1])
    train_text, train_intent, _ = read(split / "train.jsonl")
    test_text, test_intent, test_lang = read(split / "test.jsonl")
    features = make_union(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True, min_df=2, preprocessor=fold),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, preprocessor=fold, token_pattern=r"(?u)\b\w+\b"),
    )
    train_x = features.fit_transform(train_text)
    test_x = features.transform(test_text)
    full = LinearSVC(C=1.0).fit(train_x, train_intent)
    predicted = full.predict(test_x)
    print(f"linear SVM, all {train_x.shape[1]} features: held-out macro-F1 {macro_f1(test_intent, predicted):.3f}")
    for lang in LANGS:
        idx = [i for i, l in enumerate(test_lang) if l == lang]
        print(f"  {lang}: {macro_f1([test_intent[i] for i in idx], [predicted[i] for i in idx]):.3f} ({len(idx)} messages)")
    strength = np.abs(full.coef_).max(axis=0)
    for k in KEEP:
        keep = np.argsort(-strength)[:k]
        pruned = LinearSVC(C=1.0).fit(train_x[:, keep], train_intent)
        score = macro_f1(test_intent, pruned.predict(test_x[:, keep]))
        print(f"linear SVM, strongest {k} features, refitted: held-out macro-F1 {score:.3f}")


if __name__ == "__main__":
    main()
