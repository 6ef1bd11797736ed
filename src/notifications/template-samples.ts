import type { NotificationKind, TemplateVars } from './template-vars';

/**
 * One full set of variables per template: the test renders every template with these in every
 * language (strict mode, so a template using anything not listed fails), and the admin can preview.
 */
const url = 'https://aftercare.example/portal/demo-shop.myshopify.com/returns/case_1';
export const templateSamples: { [K in NotificationKind]: TemplateVars<K> } = {
  return_confirmation: {
    customer_name: 'Ada',
    order_name: '#1001',
    case_number: 'R-1001',
    items: [{ title: 'Linen shirt', quantity: 2 }],
    method: 'pickup',
    status_url: url,
  },
  return_approved: {
    customer_name: 'Ada',
    order_name: '#1001',
    case_number: 'R-1001',
    method: 'drop_off',
    instructions: 'Pack the items in their original box.',
    status_url: url,
  },
  return_rejected: {
    customer_name: null,
    order_name: '#1003',
    case_number: 'R-1002',
    reason: 'The return window closed 30 days after delivery.',
  },
  info_requested: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    question: 'Could you send a photo of the damage?',
    status_url: url,
  },
  refund_issued: { customer_name: 'Ada', case_number: 'R-1001', amount: '$50.00', order_name: '#1001' },
  store_credit_issued: { customer_name: 'Ada', case_number: 'R-1001', amount: '$55.00', code: 'GIFT-1234' },
  exchange_created: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    items: [{ title: 'Sneakers (size 42)', quantity: 1 }],
    new_order_name: '#1011',
  },
  pickup_scheduled: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    carrier: 'UPS',
    confirmation: 'WTC123456',
    window: 'Mon 2 Dec, 09:00–17:00',
    address: '1 Main St, Springfield',
    label_url: 'https://labels.example/2.pdf',
  },
  drop_off_instructions: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    carrier: 'USPS',
    instructions: 'Take the parcel to any post office.',
    label_url: 'https://labels.example/1.pdf',
  },
  delay_notice: {
    customer_name: 'Ada',
    order_name: '#1005',
    carrier: 'USPS',
    estimated_delivery: '22 Nov 2026',
    tracking_url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=1',
    stalled: true,
    discount_code: 'SORRY-1005',
  },
  survey: {
    customer_name: 'Ada',
    subject_label: 'order #1001',
    question: 'How satisfied are you with your order?',
    low_label: 'very unsatisfied',
    high_label: 'very satisfied',
    scores: [1, 2, 3, 4, 5].map((score) => ({ score, url: `https://aftercare.example/survey/t${score}` })),
    unsubscribe_url: 'https://aftercare.example/survey/unsubscribe/t',
  },
  sla_warning: {
    case_number: 'R-1001',
    target: 'first response',
    due_at: '2026-11-25 17:00 UTC',
    case_url: 'https://aftercare.example/admin/cases/case_1',
  },
  sla_breach: {
    case_number: 'R-1001',
    target: 'resolution',
    due_at: '2026-11-25 17:00 UTC',
    case_url: 'https://aftercare.example/admin/cases/case_1',
  },
  sign_in_link: {
    member_name: 'Ann',
    sign_in_url: 'https://aftercare.example/admin/login/link/demo-shop.myshopify.com/sil_1.secret',
    valid_minutes: 15,
  },
  data_export: { customer_email: 'shopper@example.com', summary: '3 orders, 1 case', download_url: null },
  case_update: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    status: 'received',
    message: 'We received your parcel.',
    status_url: url,
  },
  case_reply: {
    customer_name: 'Ada',
    case_number: 'R-1001',
    subject: 'Where is my order #1005?',
    body: 'Your parcel left our warehouse today.\nTracking: 1Z999',
    status_url: url,
  },
};
