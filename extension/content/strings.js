/** The content script's own words (the widget beside the thread), in the two UI languages. */
export const STRINGS = {
  en: {
    title: 'Tactful',
    wants: 'The buyer wants',
    written_in: 'Written in',
    no_message: 'No buyer message found on this page. Select the buyer’s text and press “Read selection”.',
    reading: 'Reading the buyer’s message…',
    insert: 'Insert suggested reply',
    insert_hint: 'Fills the reply box in the buyer’s language. Sending stays your click.',
    inserted: 'Suggested reply inserted. Check it, then send it yourself.',
    no_field: 'No reply box found on this page.',
    no_reply: 'No suggestion yet.',
    read_selection: 'Read selection',
    nothing_selected: 'Select the buyer’s message on the page first.',
    pause: 'Pause on this site',
    resume: 'Resume on this site',
    paused: 'Paused on this site: nothing is checked here.',
    collapse: 'Hide Tactful',
    expand: 'Show Tactful',
    failed: 'Tactful could not answer: {reason}',
    replace_with: 'Replace with',
    remove: 'Remove',
    shortcut: 'Alt+Enter applies the first fix',
    no_fix: 'Rewrite this part yourself.',
  },
  zh: {
    title: 'Tactful',
    wants: '买家想要',
    written_in: '语言',
    no_message: '本页未找到买家消息。选中买家的文字后点击“读取所选”。',
    reading: '正在读取买家消息…',
    insert: '插入建议回复',
    insert_hint: '以买家的语言填入回复框。发送仍由您点击。',
    inserted: '已插入建议回复。请检查后自行发送。',
    no_field: '本页未找到回复框。',
    no_reply: '暂无建议。',
    read_selection: '读取所选',
    nothing_selected: '请先在页面上选中买家消息。',
    pause: '在此站点暂停',
    resume: '在此站点恢复',
    paused: '已在此站点暂停：不做任何检查。',
    collapse: '隐藏 Tactful',
    expand: '显示 Tactful',
    failed: 'Tactful 无法回答：{reason}',
    replace_with: '替换为',
    remove: '删除',
    shortcut: 'Alt+Enter 应用第一个修正',
    no_fix: '请自行改写这部分。',
  },
};

/** Language names for the buyer's language line. */
export const LANGUAGE_NAMES = {
  en: { en: 'English', de: 'German', fr: 'French', it: 'Italian', es: 'Spanish', ja: 'Japanese', zh: 'Chinese', nl: 'Dutch', pl: 'Polish', sv: 'Swedish' },
  zh: { en: '英语', de: '德语', fr: '法语', it: '意大利语', es: '西班牙语', ja: '日语', zh: '中文', nl: '荷兰语', pl: '波兰语', sv: '瑞典语' },
};

export function strings(lang) {
  return STRINGS[lang] || STRINGS.en;
}
