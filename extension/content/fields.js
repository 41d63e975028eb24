/**
 * Finds the text fields of a Seller Central page as they come and go:
 * plain <textarea>s and the ones inside open shadow roots (Katal's
 * kat-textarea keeps its real <textarea> there). Event-driven, no polling:
 *
 * - one MutationObserver watches the document and every open shadow root
 *   found so far (mutations inside a shadow root are not reported to an
 *   observer of the document);
 * - a focusin listener catches any field the observer could not see (a
 *   shadow root filled in after its host was added): `composedPath()[0]`
 *   is the real field even across shadow boundaries.
 */
export function watchFields({ onField, onGone, onMutation = () => {} }) {
  const known = new Set();
  const observedRoots = new WeakSet();

  const observer = new MutationObserver((records) => {
    let removed = false;
    let foreign = false;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || !node.hasAttribute('data-tactful')) foreign = true;
        if (node.nodeType === 1) scan(node);
      }
      if (record.removedNodes.length) removed = true;
    }
    if (removed) sweep();
    if (foreign || removed) onMutation();
  });

  function observe(root) {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, { childList: true, subtree: true });
  }

  function consider(field) {
    if (known.has(field) || field.localName !== 'textarea' || field.readOnly || field.disabled) return;
    known.add(field);
    onField(field);
  }

  /** The fields in `node` and below, crossing into open shadow roots (but not into Tactful's own overlays). */
  function scan(node) {
    if (node.nodeType === 1 && node.hasAttribute('data-tactful')) return;
    if (node.localName === 'textarea') consider(node);
    if (node.shadowRoot) {
      observe(node.shadowRoot);
      scan(node.shadowRoot);
    }
    for (const element of node.querySelectorAll('*')) {
      if (element.localName === 'textarea') consider(element);
      if (element.shadowRoot && !element.hasAttribute('data-tactful')) {
        observe(element.shadowRoot);
        scan(element.shadowRoot);
      }
    }
  }

  function sweep() {
    for (const field of known) {
      if (!field.isConnected) {
        known.delete(field);
        onGone(field);
      }
    }
  }

  const onFocus = (event) => {
    const target = event.composedPath()[0];
    if (target && target.localName === 'textarea') {
      for (let root = target.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) observe(root);
      consider(target);
    }
  };

  observe(document.documentElement);
  scan(document.documentElement);
  document.addEventListener('focusin', onFocus, true);

  return {
    fields: () => [...known],
    /** Forgets every field and finds them again (after a pause ends). */
    rescan() {
      for (const field of [...known]) {
        known.delete(field);
        onGone(field);
      }
      scan(document.documentElement);
    },
    stop() {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus, true);
    },
  };
}
