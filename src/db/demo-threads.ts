/**
 * A few conversations in the demo history, so the case page, the status page's thread and the
 * customer's profile have something to show on first start: a tracking question on #1004 answered
 * by the shop and thanked by the shopper, and a German question still waiting for its first answer.
 * Numbers below 1001 keep clear of the numbers the shop hands out.
 */
import { DAY_MS as DAY } from '../lib/durations';
import { DEMO_CUSTOMER_ID, DEMO_EMAIL, DEMO_SHOP_ID, DEMO_SUPPORT_ADDRESS } from './demo-data';
import * as s from './schema';
// A cycle with seed.ts is harmless: insertOrIgnore is only called when the seed runs.
import { insertOrIgnore, type Statement } from './seed';

const HOUR = 3_600_000;
const DOMAIN = DEMO_SUPPORT_ADDRESS.split('@')[1]!;

interface Line {
  id: string;
  direction: 'in' | 'out';
  text: string;
  hoursAfter: number;
}

interface Thread {
  caseId: string;
  number: number;
  orderId: string | null;
  subject: string;
  tags: string[];
  locale: string;
  daysAgo: number;
  status: 'requested' | 'closed';
  lines: Line[];
}

const threads: Thread[] = [
  {
    caseId: 'case_demothread1',
    number: 901,
    orderId: 'ord_demo1004',
    subject: 'Where is my order #1004?',
    tags: ['where_is_my_order'],
    locale: 'en',
    daysAgo: 6,
    status: 'closed',
    lines: [
      {
        id: 'msg_demo1a',
        direction: 'in',
        text: 'Hi, my order #1004 has not arrived yet. Can you check where it is?',
        hoursAfter: 0,
      },
      {
        id: 'msg_demo1b',
        direction: 'out',
        text: 'It left our warehouse on Monday; the carrier expects to deliver it tomorrow.',
        hoursAfter: 2,
      },
      { id: 'msg_demo1c', direction: 'in', text: 'It arrived, thank you!', hoursAfter: 30 },
    ],
  },
  {
    caseId: 'case_demothread2',
    number: 902,
    orderId: null,
    subject: 'Frage zu Größen',
    tags: ['other'],
    locale: 'de',
    // Six hours ago: old enough not to count against the demo shopper's hourly limit of new cases.
    daysAgo: 0.25,
    status: 'requested',
    lines: [
      { id: 'msg_demo2a', direction: 'in', text: 'Hallo, fallen Ihre Schuhe eher klein oder groß aus?', hoursAfter: 0 },
    ],
  },
];

export function demoThreadStatements(now: number): Statement[] {
  return threads.flatMap((t) => {
    const openedAt = now - t.daysAgo * DAY;
    const closedAt = t.status === 'closed' ? openedAt + 31 * HOUR : null;
    return [
      insertOrIgnore(s.cases, {
        id: t.caseId,
        shopId: DEMO_SHOP_ID,
        number: t.number,
        orderId: t.orderId,
        customerId: DEMO_CUSTOMER_ID,
        type: 'inquiry',
        status: t.status,
        source: 'email',
        tags: t.tags,
        locale: t.locale,
        currency: 'USD',
        firstRespondedAt: t.lines.some((l) => l.direction === 'out') ? openedAt + 2 * HOUR : null,
        closedAt,
        createdAt: openedAt,
        updatedAt: closedAt ?? openedAt,
      }),
      insertOrIgnore(s.caseEvents, {
        id: `cev_${t.caseId}_open`,
        shopId: DEMO_SHOP_ID,
        caseId: t.caseId,
        type: 'InquiryOpened',
        actor: `customer:${DEMO_EMAIL}`,
        toStatus: 'requested',
        reason: t.subject,
        data: { caseType: 'inquiry', channel: 'email' },
        visibleToShopper: true,
        at: openedAt,
      }),
      ...t.lines.map((l) => messageRow(t, l, openedAt + l.hoursAfter * HOUR)),
    ];
  });
}

function messageRow(t: Thread, l: Line, at: number): Statement {
  const inbound = l.direction === 'in';
  return insertOrIgnore(s.messages, {
    id: l.id,
    shopId: DEMO_SHOP_ID,
    caseId: t.caseId,
    customerId: DEMO_CUSTOMER_ID,
    direction: l.direction,
    channel: 'email',
    messageId: inbound ? `${l.id}@mail.example.com` : `${t.caseId}.${l.id}@${DOMAIN}`,
    fromAddress: inbound ? DEMO_EMAIL : DEMO_SUPPORT_ADDRESS,
    fromName: inbound ? 'Sam Shopper' : null,
    toAddresses: [inbound ? DEMO_SUPPORT_ADDRESS : DEMO_EMAIL],
    subject: t.subject,
    text: l.text,
    fullText: l.text,
    openedCase: l.hoursAfter === 0,
    at,
    createdAt: at,
  });
}
