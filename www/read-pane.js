/**
 * Pane 2, "What Tactful read": intent in words, secondary intents, risk
 * badges, facts, language, the 24-hour clock and the seller's notes.
 * Renders defensively: a missing field shows nothing, never throws.
 */
import { $, el, untrusted, show } from './dom.js';
import { t, has, humanize, uiLang } from './i18n.js';
import { label, help, langName } from './labels.js';
import { severityIcon } from './lib/underline.js';

const MAX_FACTS = 30;
/** The stable intent ids, in the contract's order (for the seller's override). */
const INTENTS = ['order_status', 'not_received', 'not_as_described', 'damaged_defective', 'return_request', 'refund_request',
  'cancel_order', 'change_order', 'product_question', 'invoice_request', 'feedback_positive', 'complaint', 'other'];

export function confidenceWords(confidence) {
  if (!(confidence >= 0)) return t('read.confidence.unsure');
  if (confidence >= 0.85) return t('read.confidence.high');
  if (confidence >= 0.65) return t('read.confidence.medium');
  if (confidence >= 0.45) return t('read.confidence.low');
  return t('read.confidence.unsure');
}

function percent(x) {
  return Math.round(Math.min(Math.max(Number(x) || 0, 0), 1) * 100);
}

export function clearRead() {
  show($('read'), false);
  show($('read-empty'), true);
  $('read-summary').textContent = '';
}

/**
 * Shows a classification (and the clock and notes of a suggestion, when
 * there is one). `override` is the intent the seller chose instead, if any.
 */
export function renderRead(classification, suggestion, override) {
  const c = classification && typeof classification === 'object' ? classification : null;
  if (!c) {
    clearRead();
    return;
  }
  show($('read-empty'), false);
  show($('read'), true);

  const card = document.querySelector('[data-testid="intent"]');
  card.setAttribute('data-intent', String(c.intent ?? ''));
  $('intent-name').textContent = c.intent ? label('intents', c.intent) : '';
  $('intent-help').textContent = c.intent ? help('intents', c.intent) : '';
  $('confidence-words').textContent = confidenceWords(c.confidence);
  $('confidence-value').textContent = Number.isFinite(c.confidence) ? `(${t('read.confidence.value', { percent: percent(c.confidence) })})` : '';
  const meter = $('confidence-meter');
  meter.firstElementChild.style.width = `${percent(c.confidence)}%`;
  meter.setAttribute('data-level', c.confidence >= 0.65 ? 'high' : c.confidence >= 0.45 ? 'medium' : 'low');

  const select = $('intent-override');
  select.replaceChildren(
    el('option', { value: '', text: t('read.override_none') }),
    ...INTENTS.filter((id) => id !== c.intent).map((id) => el('option', { value: id, text: label('intents', id) })),
  );
  select.value = override && override !== c.intent ? override : '';

  const secondary = (Array.isArray(c.intents) ? c.intents : [])
    .filter((s) => s && s.id && s.id !== c.intent && s.score >= 0.25)
    .slice(0, 3);
  $('secondary-list').replaceChildren(...secondary.map((s) =>
    el('span', { class: 'chip', 'data-intent': s.id, title: help('intents', s.id) || null }, [label('intents', s.id), el('span', { class: 'muted', text: ` ${percent(s.score)}%` })])));
  show($('secondary'), secondary.length > 0);

  const risks = (Array.isArray(c.risks) ? c.risks : []).filter((r) => typeof r === 'string');
  $('risks').replaceChildren(...risks.map((r) => el('li', { class: 'risk', 'data-testid': 'risk', 'data-risk': r }, [
    el('span', { class: 'badge' }, [severityIcon('warning'), el('span', { text: label('risks', r) })]),
    help('risks', r) ? el('span', { class: 'risk-help', text: help('risks', r) }) : null,
  ])));
  show($('no-risks'), risks.length === 0);

  renderFacts(Array.isArray(c.entities) ? c.entities : []);
  $('language').textContent = c.language ? langName(c.language) : '';

  renderClock(suggestion && suggestion.clock);
  renderNotes(suggestion && suggestion.notes);

  $('read-summary').textContent = t('read.summary', {
    intent: c.intent ? label('intents', c.intent) : t('read.none'),
    risks: risks.length ? risks.map((r) => label('risks', r)).join(uiLang() === 'zh' ? '、' : ', ') : t('read.none'),
  });
}

function renderFacts(entities) {
  const facts = $('facts');
  const rows = [];
  for (const e of entities.slice(0, MAX_FACTS)) {
    if (!e || typeof e !== 'object') continue;
    const kind = String(e.kind ?? '');
    const dd = el('dd', {}, [untrusted(e.text ?? e.value ?? '', 60)]);
    if (e.carrier) dd.append(el('span', { class: 'muted', text: ` · ${String(e.carrier).replace(/_/g, ' ').toUpperCase()}` }));
    rows.push(el('div', { class: 'fact', 'data-kind': kind }, [el('dt', { text: has(`entity.${kind}`) ? t(`entity.${kind}`) : humanize(kind) }), dd]));
  }
  if (entities.length > MAX_FACTS) rows.push(el('div', { class: 'fact more' }, [el('dd', { class: 'muted', text: t('read.more_facts', { count: entities.length - MAX_FACTS }) })]));
  facts.replaceChildren(...rows);
  show($('no-facts'), rows.length === 0);
}

function formatTime(ms) {
  const locale = uiLang() === 'zh' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

function renderClock(clock) {
  const box = $('clock');
  if (!clock || typeof clock !== 'object') {
    show(box, false);
    return;
  }
  const main = $('clock-main');
  main.textContent = Number.isFinite(clock.reply_by_ms) ? t('clock.reply_by', { time: formatTime(clock.reply_by_ms) }) : '';
  const left = $('clock-left');
  // Counted from reply_by_ms when known, so a page left open still tells the truth when looked at again.
  const remaining = Number.isFinite(clock.reply_by_ms) ? (clock.reply_by_ms - Date.now()) / 60000 : clock.remaining_minutes;
  const overdue = clock.overdue === true || remaining <= 0;
  left.classList.toggle('overdue', overdue);
  if (overdue) left.textContent = t('clock.overdue');
  else if (Number.isFinite(remaining)) {
    const m = Math.max(0, Math.floor(remaining));
    left.textContent = t('clock.remaining', { hours: Math.floor(m / 60), minutes: m % 60 });
  } else left.textContent = '';
  const parts = [main.textContent, left.textContent].filter(Boolean);
  const buyerTime = typeof clock.buyer_local_time === 'string' ? clock.buyer_local_time
    : Number.isFinite(clock.buyer_local_time) ? formatTime(clock.buyer_local_time) : '';
  $('clock-buyer').textContent = buyerTime ? t('clock.buyer_time', { time: buyerTime }) : '';
  const night = $('clock-night');
  night.textContent = clock.buyer_night === true ? t('clock.night') : '';
  show(night, clock.buyer_night === true);
  show(box, parts.length > 0 || !!buyerTime);
}

function renderNotes(notes) {
  const list = (Array.isArray(notes) ? notes : [])
    .map((n) => (typeof n === 'string' ? n : n && (n[uiLang()] || n.en)))
    .filter((n) => typeof n === 'string' && n);
  $('notes-list').replaceChildren(...list.map((n) => el('li', {}, [severityIcon('warning'), el('span', { text: n })])));
  show($('notes'), list.length > 0);
}

/** Evidence spans as underline marks for the buyer's message. */
export function evidenceMarks(classification) {
  const list = classification && Array.isArray(classification.evidence) ? classification.evidence : [];
  return list
    .filter((e) => e && Number.isFinite(e.start) && Number.isFinite(e.end) && (e.intent || e.risk))
    .map((e) => ({
      start: e.start,
      end: e.end,
      kind: e.risk ? 'risk' : 'intent',
      category: e.risk || e.intent,
      severity: 'evidence',
      fixes: [],
    }));
}

export function describeEvidence(mark) {
  const group = mark.kind === 'risk' ? 'risks' : 'intents';
  const name = label(group, mark.category);
  const why = help(group, mark.category);
  return {
    severity: t(`evidence.kind.${mark.kind}`),
    category: name,
    message: `${t(`evidence.${mark.kind}`, { label: name })}${why ? ` ${why}` : ''}`,
  };
}
