/**
 * DOM building for untrusted text: every string goes in through
 * `textContent` (never HTML), and text that came from a buyer or a template
 * is wrapped in <bdi> so a right-to-left override inside it cannot reorder
 * the page's own words around it.
 */

/** An element of the page's own static markup, by id. */
export function $(id) {
  return /** @type {any} */ (document.getElementById(id));
}

/** el('li', {class: 'x', 'data-risk': id}, [children]) */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of [].concat(children)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/** Untrusted text, isolated for bidi and clipped to `max` characters. */
export function untrusted(text, max = 120) {
  return el('bdi', { class: 'quoted', text: clip(String(text ?? ''), max) });
}

export function clip(text, max) {
  const chars = Array.from(text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

export function show(node, visible) {
  node.hidden = !visible;
}

/** Trailing-edge debounce. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
