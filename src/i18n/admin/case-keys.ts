import { defineAdminCatalog } from './catalog';

/** The case page's keyboard shortcuts (with script and without), and its action forms' refusals. */
export const caseKeysMessages = defineAdminCatalog(
  {
    'case.keys.how':
      'Press the key on its own (not while typing in a field). Without JavaScript, press it with Alt (Chrome, Edge), Alt+Shift (Firefox) or Ctrl+Option (Safari); Exchange has no such key there. Every action is also a plain button.',
    'case.keys.help': 'Show this list',
    'case.keys.toggle': 'Use single-key shortcuts in this browser (off until you turn them on)',
    'case.form.amount': 'The amount is not a number. Write it like 12.50.',
    'queue.keys.how': 'Press the key on its own. These keys need JavaScript; without it, Tab and Enter do the same.',
    'queue.keys.next': 'Next case in the list',
    'queue.keys.previous': 'Previous case in the list',
    'queue.keys.open': 'Open the case',
    'case.form.invalid': 'Please check the form: {detail}',
  },
  {
    'zh-CN': {
      'case.keys.how':
        '直接按对应按键即可（在输入框中输入时无效）。未启用 JavaScript 时，请配合 Alt（Chrome、Edge）、Alt+Shift（Firefox）或 Ctrl+Option（Safari）按键；此时“换货”没有快捷键。每个操作也都是普通按钮。',
      'case.keys.help': '显示此列表',
      'case.keys.toggle': '在此浏览器中使用单键快捷键（开启前不生效）',
      'case.form.amount': '金额不是有效数字，请按 12.50 这样的格式填写。',
      'queue.keys.how': '直接按对应按键即可。这些快捷键需要 JavaScript；未启用时，可用 Tab 和回车键完成相同操作。',
      'queue.keys.next': '列表中的下一个工单',
      'queue.keys.previous': '列表中的上一个工单',
      'queue.keys.open': '打开工单',
      'case.form.invalid': '请检查表单：{detail}',
    },
    de: {
      'case.keys.how':
        'Drücken Sie die Taste allein (nicht während Sie in einem Feld schreiben). Ohne JavaScript zusammen mit Alt (Chrome, Edge), Alt+Umschalt (Firefox) oder Ctrl+Option (Safari); Umtauschen hat dort kein Kürzel. Jede Aktion ist auch ein normaler Button.',
      'case.keys.help': 'Diese Liste anzeigen',
      'case.keys.toggle': 'Einzeltasten-Kürzel in diesem Browser verwenden (aus, bis Sie sie einschalten)',
      'case.form.amount': 'Der Betrag ist keine Zahl. Schreiben Sie ihn z. B. als 12.50.',
      'queue.keys.how':
        'Drücken Sie die Taste allein. Diese Kürzel brauchen JavaScript; ohne geht dasselbe mit Tab und Eingabetaste.',
      'queue.keys.next': 'Nächster Fall in der Liste',
      'queue.keys.previous': 'Vorheriger Fall in der Liste',
      'queue.keys.open': 'Fall öffnen',
      'case.form.invalid': 'Bitte prüfen Sie das Formular: {detail}',
    },
  },
);
