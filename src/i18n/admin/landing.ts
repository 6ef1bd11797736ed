import { defineAdminCatalog } from './catalog';

/** The front door (`GET /`): what Aftercare is and where to go from here. */
export const landingMessages = defineAdminCatalog(
  {
    'landing.title': 'Aftercare: returns, exchanges and support for your shop',
    'landing.lead':
      'Aftercare runs the after-sales side of an online store: shoppers open returns and exchanges themselves, each request is checked against your policy, refunds are paid exactly once, and every case stays inside the response times you promised.',
    'landing.where': 'Where to go',
    'landing.admin': 'Admin',
    'landing.adminHint': 'the case queue, dashboard, policy and team for merchants and their staff',
    'landing.shopper': 'Shopper page',
    'landing.shopperHint': 'each shop has its own at {path}',
    'landing.docs': 'API reference',
    'landing.docsHint': 'the admin and shopper APIs, from the OpenAPI document',
    'landing.health': 'Health',
    'landing.healthHint': 'version, database and latest migration, as JSON',
    'landing.source': 'Aftercare is open source and runs on Cloudflare’s network.',
    'landing.languages': 'Languages',
  },
  {
    'zh-CN': {
      'landing.title': 'Aftercare：为你的店铺处理退货、换货与客服',
      'landing.lead':
        'Aftercare 负责网店的售后：顾客自助发起退货和换货，系统按你的政策审核每个申请，退款只会支付一次，每个工单都在你承诺的响应时限内处理。',
      'landing.where': '从这里开始',
      'landing.admin': '管理后台',
      'landing.adminHint': '面向商家及其团队的工单队列、数据看板、退货政策和团队管理',
      'landing.shopper': '顾客自助页',
      'landing.shopperHint': '每个店铺都有自己的页面：{path}',
      'landing.docs': 'API 参考',
      'landing.docsHint': '管理端与顾客端 API，依据 OpenAPI 文档生成',
      'landing.health': '运行状态',
      'landing.healthHint': '版本、数据库和最新迁移（JSON）',
      'landing.source': 'Aftercare 是开源软件，运行在 Cloudflare 网络上。',
      'landing.languages': '语言',
    },
    de: {
      'landing.title': 'Aftercare: Retouren, Umtausch und Kundenservice für Ihren Shop',
      'landing.lead':
        'Aftercare übernimmt den Kundendienst nach dem Kauf: Kunden eröffnen Retouren und Umtausch selbst, jede Anfrage wird gegen Ihre Richtlinie geprüft, Erstattungen werden genau einmal ausgezahlt, und jeder Fall bleibt innerhalb der zugesagten Antwortzeiten.',
      'landing.where': 'Weiter geht’s',
      'landing.admin': 'Verwaltung',
      'landing.adminHint': 'Fall-Warteschlange, Übersicht, Richtlinie und Team für Händler und ihre Mitarbeiter',
      'landing.shopper': 'Kundenseite',
      'landing.shopperHint': 'jeder Shop hat seine eigene unter {path}',
      'landing.docs': 'API-Referenz',
      'landing.docsHint': 'die Verwaltungs- und Kunden-APIs, aus dem OpenAPI-Dokument',
      'landing.health': 'Status',
      'landing.healthHint': 'Version, Datenbank und letzte Migration, als JSON',
      'landing.source': 'Aftercare ist Open Source und läuft im Netzwerk von Cloudflare.',
      'landing.languages': 'Sprachen',
    },
  },
);
