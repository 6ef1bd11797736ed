import { defineAdminCatalog } from './catalog';

/** The queue's bulk approval: what it did, and why a case was left as it was. */
export const queueBulkMessages = defineAdminCatalog(
  {
    'queue.bulk.none': 'Select at least one case to approve.',
    'queue.bulk.done': 'Approved {approved} of {total}.',
    'queue.bulk.failed': '{case}: {why}',
    'queue.bulk.unknown': 'not approved: something went wrong on our side; try it on the case page',
  },
  {
    'zh-CN': {
      'queue.bulk.none': '请至少选择一个要批准的工单。',
      'queue.bulk.done': '已批准 {approved} 个，共 {total} 个。',
      'queue.bulk.failed': '{case}：{why}',
      'queue.bulk.unknown': '未批准：系统出错，请在工单页面上重试',
    },
    de: {
      'queue.bulk.none': 'Wählen Sie mindestens einen Fall zum Genehmigen aus.',
      'queue.bulk.done': '{approved} von {total} genehmigt.',
      'queue.bulk.failed': '{case}: {why}',
      'queue.bulk.unknown': 'nicht genehmigt: bei uns ist etwas schiefgelaufen; versuchen Sie es auf der Fallseite',
    },
  },
);
