/**
 * Where things are on Seller Central's pages, as data. Seller Central
 * changes its markup without notice: when a field or the thread stops being
 * found, update this table (first match wins, in order) and the fixtures in
 * tests/e2e/fixtures/extension/.
 *
 * | what          | selectors (in order)                                   | source                                   |
 * |---------------|--------------------------------------------------------|------------------------------------------|
 * | replyBox      | .contact-buyer-text-area kat-textarea                  | contact-buyer page (public reports)      |
 * |               | .reply-box kat-textarea, .reply-box textarea            | messages page (our fixture's guess)      |
 * |               | kat-textarea[name="message"], textarea[name="message"]  | Katal message fields                     |
 * | buyerMessage  | .thread-view .message-bubble.buyer .message-content    | messages page (our fixture's guess)      |
 * |               | [data-test-id="buyer-message"] .message-body            | alternative thread markup                |
 * |               | .buyer-message .message-text                            | older thread markup                      |
 * | (not read)    | .ayb-contact-buyer-header h2, kat-button.ayb-contact-form-send-button | buyer name, send button: |
 * |               |   Tactful never reads the name and never clicks Send (sending stays the seller's click) |
 *
 * Any other <textarea> on a Seller Central page, in the light DOM or inside
 * an open shadow root (kat-textarea), is checked too, unless it opts out
 * (data-gramm="false" and friends), is read-only, disabled or hidden.
 */
export const SELECTORS = {
  replyBox: [
    '.contact-buyer-text-area kat-textarea',
    '.reply-box kat-textarea',
    '.reply-box textarea',
    'kat-textarea[name="message"]',
    'textarea[name="message"]',
  ],
  buyerMessage: [
    '.thread-view .message-bubble.buyer .message-content',
    '[data-test-id="buyer-message"] .message-body',
    '.buyer-message .message-text',
  ],
};

/** The editable <textarea> behind a matched element (itself, or inside its open shadow root). */
export function textareaOf(element) {
  if (!element) return null;
  if (element.localName === 'textarea') return element;
  const root = element.shadowRoot;
  return root ? root.querySelector('textarea') : null;
}

/** The seller's reply box, by the table; null when the page has none of them. */
export function findReplyBox(doc = document) {
  for (const selector of SELECTORS.replyBox) {
    for (const element of doc.querySelectorAll(selector)) {
      const field = textareaOf(element);
      if (field) return field;
    }
  }
  return null;
}

/** The text of the buyer's latest message in the thread, or '' when none is found. */
export function readBuyerMessage(doc = document) {
  for (const selector of SELECTORS.buyerMessage) {
    const found = doc.querySelectorAll(selector);
    if (found.length) return (found[found.length - 1].textContent || '').trim();
  }
  return '';
}
