/**
 * The demo history's catalogue: apparel and home goods, with each SKU's share of order lines and
 * how often its items come back, per return reason (codes from the default policy,
 * src/cases/policy-schema.ts). Apparel comes back for size; home goods arrive broken.
 */
export type ReturnReason = 'too_small' | 'too_large' | 'not_as_described' | 'changed_mind' | 'damaged' | 'defective';

/** The reasons the defect/damage early warning counts. */
export const DEFECT_REASONS: readonly ReturnReason[] = ['damaged', 'defective'];

export interface CatalogueItem {
  sku: string;
  productId: string;
  title: string;
  priceMinor: number;
  /** Relative share of order lines. */
  popularity: number;
  kind: 'apparel' | 'home';
}

const apparelRates: Record<ReturnReason, number> = {
  too_small: 0.05,
  too_large: 0.035,
  not_as_described: 0.01,
  changed_mind: 0.02,
  damaged: 0.003,
  defective: 0.008,
};

const homeRates: Record<ReturnReason, number> = {
  too_small: 0,
  too_large: 0,
  not_as_described: 0.012,
  changed_mind: 0.02,
  damaged: 0.012,
  defective: 0.008,
};

export const returnRates = { apparel: apparelRates, home: homeRates };

const sized = (base: string, productId: string, title: string, priceMinor: number, popularity: number[]) =>
  (['S', 'M', 'L'] as const).map(
    (size, i): CatalogueItem => ({
      sku: `${base}-${size}`,
      productId,
      title: `${title} — ${size}`,
      priceMinor,
      popularity: popularity[i]!,
      kind: 'apparel',
    }),
  );

const home = (
  sku: string,
  productId: string,
  title: string,
  priceMinor: number,
  popularity: number,
): CatalogueItem => ({
  sku,
  productId,
  title,
  priceMinor,
  popularity,
  kind: 'home',
});

export const demoHistoryCatalogue: CatalogueItem[] = [
  ...sized('TEE-NVY', 'prod_hist_tee_navy', 'Organic Cotton Tee, Navy', 2900, [4, 6, 4]),
  ...sized('TEE-WHT', 'prod_hist_tee_white', 'Organic Cotton Tee, White', 2900, [3, 5, 3]),
  ...sized('HOOD-GRY', 'prod_hist_hoodie', 'Heavyweight Hoodie, Heather Grey', 6900, [2, 3, 2]),
  ...sized('JEAN-IND', 'prod_hist_jeans', 'Straight Leg Jeans, Indigo', 8900, [2, 3, 2]),
  ...sized('DRS-LIN', 'prod_hist_dress', 'Linen Midi Dress, Sand', 7900, [1, 2, 1]),
  home('MUG-STN-2', 'prod_hist_mugs', 'Stoneware Mug, Set of 2', 2400, 5),
  home('BWL-CER-4', 'prod_hist_bowls', 'Ceramic Bowls, Set of 4', 3900, 3),
  home('THR-WOOL', 'prod_hist_throw', 'Merino Wool Throw', 9900, 2),
  home('CUSH-LIN', 'prod_hist_cushion', 'Linen Cushion Cover', 2900, 3),
  home('LAMP-BRS', 'prod_hist_lamp', 'Brass Desk Lamp', 12900, 2),
  home('CNDL-SOY', 'prod_hist_candle', 'Soy Candle, Fig & Cedar', 1900, 4),
  home('TOWL-SET', 'prod_hist_towels', 'Cotton Towel Set', 4900, 3),
  home('VASE-GLS', 'prod_hist_vase', 'Hand-blown Glass Vase', 5900, 2),
  home('KNIFE-CHF', 'prod_hist_knife', "Chef's Knife, 20 cm", 7900, 2),
  home('PLNT-POT', 'prod_hist_planter', 'Terracotta Planter', 2900, 3),
];
