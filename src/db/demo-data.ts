/**
 * The demo shop of CONTRACT.md: `demo-shop.myshopify.com`, orders #1001…#1010 for
 * shopper@example.com, with one of each situation a returns app must handle. Dates are relative
 * to the moment of seeding so the mix stays true whenever `npm run dev` first runs.
 */
export const DEMO_SHOP_DOMAIN = 'demo-shop.myshopify.com';
export const DEMO_SHOP_ID = 'shop_demo';
export const DEMO_EMAIL = 'shopper@example.com';
/** Where the demo shop receives mail (CONTRACT.md "Conversations"). */
export const DEMO_SUPPORT_ADDRESS = 'support@demo-shop.example';
export const DEMO_CUSTOMER_ID = 'cus_demo';
/** Where the demo shop's returns go back to (a return label's destination). */
export const DEMO_RETURN_ADDRESS = {
  name: 'Demo Shop Returns',
  address1: '417 Montgomery Street',
  address2: 'Floor 5',
  city: 'San Francisco',
  province: 'CA',
  zip: '94104',
  countryCode: 'US',
  phone: '+1 415 555 0142',
};

export interface DemoVariant {
  variantId: string;
  title: string;
  sku: string;
  priceMinor: number;
  inventory: number;
}

export interface DemoProduct {
  productId: string;
  title: string;
  productType: string;
  tags: string[];
  imageUrl: string;
  variants: DemoVariant[];
}

/** The demo catalog: what the local Shopify adapter answers for variants and stock. */
export const demoCatalog: DemoProduct[] = [
  {
    productId: 'gid://shopify/Product/7001',
    title: 'Everyday Tee',
    productType: 'Shirts',
    tags: [],
    imageUrl: '/static/demo/tee.svg',
    variants: [
      {
        variantId: 'gid://shopify/ProductVariant/70011',
        title: 'S / Navy',
        sku: 'TEE-NVY-S',
        priceMinor: 2500,
        inventory: 12,
      },
      {
        variantId: 'gid://shopify/ProductVariant/70012',
        title: 'M / Navy',
        sku: 'TEE-NVY-M',
        priceMinor: 2500,
        inventory: 8,
      },
      {
        variantId: 'gid://shopify/ProductVariant/70013',
        title: 'L / Navy',
        sku: 'TEE-NVY-L',
        priceMinor: 2500,
        inventory: 0,
      },
    ],
  },
  {
    productId: 'gid://shopify/Product/7002',
    title: 'Trail Runner Sneakers',
    productType: 'Shoes',
    tags: [],
    imageUrl: '/static/demo/sneaker.svg',
    variants: [
      {
        variantId: 'gid://shopify/ProductVariant/70021',
        title: 'EU 41',
        sku: 'TRS-41',
        priceMinor: 12000,
        inventory: 3,
      },
      {
        variantId: 'gid://shopify/ProductVariant/70022',
        title: 'EU 42',
        sku: 'TRS-42',
        priceMinor: 12000,
        inventory: 5,
      },
      {
        variantId: 'gid://shopify/ProductVariant/70023',
        title: 'EU 43',
        sku: 'TRS-43',
        priceMinor: 12000,
        inventory: 2,
      },
    ],
  },
  {
    productId: 'gid://shopify/Product/7003',
    title: 'Selvedge Jeans',
    productType: 'Pants',
    tags: [],
    imageUrl: '/static/demo/jeans.svg',
    variants: [
      {
        variantId: 'gid://shopify/ProductVariant/70031',
        title: '30/32',
        sku: 'JNS-3032',
        priceMinor: 9800,
        inventory: 4,
      },
      {
        variantId: 'gid://shopify/ProductVariant/70032',
        title: '32/32',
        sku: 'JNS-3232',
        priceMinor: 9800,
        inventory: 6,
      },
    ],
  },
  {
    productId: 'gid://shopify/Product/7004',
    title: 'Clearance Scarf',
    productType: 'Accessories',
    tags: ['final-sale'],
    imageUrl: '/static/demo/scarf.svg',
    variants: [
      {
        variantId: 'gid://shopify/ProductVariant/70041',
        title: 'One size',
        sku: 'SCF-1',
        priceMinor: 1500,
        inventory: 20,
      },
    ],
  },
  {
    productId: 'gid://shopify/Product/7005',
    title: 'Cotton Socks',
    productType: 'Accessories',
    tags: [],
    imageUrl: '/static/demo/socks.svg',
    variants: [
      {
        variantId: 'gid://shopify/ProductVariant/70051',
        title: 'One size',
        sku: 'SCK-1',
        priceMinor: 600,
        inventory: 50,
      },
    ],
  },
];

export interface DemoLine {
  variantId: string;
  quantity: number;
}

export interface DemoOrder {
  number: number;
  note: string;
  lines: DemoLine[];
  placedDaysAgo: number;
  /** How the order's one shipment stands; absent = unfulfilled. */
  shipment?:
    | { status: 'delivered'; deliveredDaysAgo: number; carrier: string }
    | { status: 'in_transit'; shippedDaysAgo: number; etaInDays: number; carrier: string; lastTrackingDaysAgo: number };
  cancelled?: boolean;
  tags?: string[];
}

/** The mix CONTRACT.md asks for, one order per situation. */
export const demoOrders: DemoOrder[] = [
  {
    number: 1001,
    note: 'delivered 5 days ago, in the return window',
    placedDaysAgo: 9,
    lines: [
      { variantId: 'gid://shopify/ProductVariant/70012', quantity: 2 },
      { variantId: 'gid://shopify/ProductVariant/70031', quantity: 1 },
    ],
    shipment: { status: 'delivered', deliveredDaysAgo: 5, carrier: 'UPS' },
  },
  {
    number: 1002,
    note: 'delivered 10 days ago: sneakers to exchange for another size',
    placedDaysAgo: 14,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70022', quantity: 1 }],
    shipment: { status: 'delivered', deliveredDaysAgo: 10, carrier: 'USPS' },
  },
  {
    number: 1003,
    note: 'delivered 60 days ago, outside the return window',
    placedDaysAgo: 65,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70032', quantity: 1 }],
    shipment: { status: 'delivered', deliveredDaysAgo: 60, carrier: 'UPS' },
  },
  {
    number: 1004,
    note: 'contains a final-sale item (the scarf)',
    placedDaysAgo: 7,
    lines: [
      { variantId: 'gid://shopify/ProductVariant/70041', quantity: 1 },
      { variantId: 'gid://shopify/ProductVariant/70011', quantity: 1 },
    ],
    shipment: { status: 'delivered', deliveredDaysAgo: 3, carrier: 'FedEx' },
  },
  {
    number: 1005,
    note: 'in transit and late: due 3 days ago, tracking stalled',
    placedDaysAgo: 12,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
    shipment: { status: 'in_transit', shippedDaysAgo: 10, etaInDays: -3, carrier: 'USPS', lastTrackingDaysAgo: 5 },
  },
  {
    number: 1006,
    note: 'in transit, on time',
    placedDaysAgo: 3,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70013', quantity: 1 }],
    shipment: { status: 'in_transit', shippedDaysAgo: 1, etaInDays: 2, carrier: 'UPS', lastTrackingDaysAgo: 0 },
  },
  {
    number: 1007,
    note: 'high-value order delivered 20 days ago',
    placedDaysAgo: 24,
    lines: [
      { variantId: 'gid://shopify/ProductVariant/70021', quantity: 2 },
      { variantId: 'gid://shopify/ProductVariant/70023', quantity: 3 },
    ],
    shipment: { status: 'delivered', deliveredDaysAgo: 20, carrier: 'DHL' },
  },
  {
    number: 1008,
    note: 'placed today, not shipped yet',
    placedDaysAgo: 0,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70051', quantity: 3 }],
  },
  {
    number: 1009,
    note: 'cheap item delivered 2 days ago',
    placedDaysAgo: 5,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70051', quantity: 1 }],
    shipment: { status: 'delivered', deliveredDaysAgo: 2, carrier: 'USPS' },
  },
  {
    number: 1010,
    note: 'delivered 29 days ago, last day of the window',
    placedDaysAgo: 33,
    lines: [{ variantId: 'gid://shopify/ProductVariant/70011', quantity: 1 }],
    shipment: { status: 'delivered', deliveredDaysAgo: 29, carrier: 'UPS' },
  },
];

export function findVariant(variantId: string): { product: DemoProduct; variant: DemoVariant } | undefined {
  for (const product of demoCatalog) {
    const variant = product.variants.find((v) => v.variantId === variantId);
    if (variant) return { product, variant };
  }
  return undefined;
}
