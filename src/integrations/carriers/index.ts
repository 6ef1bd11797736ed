import type { Settings } from '../../env';
import { EasyPostCarrier } from './easypost';
import { LocalCarrier } from './local';
import { ManualCarrier } from './manual';
import type { CarrierAdapter } from './types';

export * from './types';
export { EasyPostCarrier, LocalCarrier, ManualCarrier };

export type CarrierName = 'easypost' | 'manual';

/**
 * The carrier adapter for a shop's choice (`settings.pickupCarrier`). EasyPost is local under
 * `INTEGRATIONS=local` and when no key is configured it falls back to manual instructions.
 */
export function createCarriers(settings: Settings): (name: CarrierName) => CarrierAdapter {
  const local = new LocalCarrier();
  const manual = new ManualCarrier();
  const easypost = settings.EASYPOST_API_KEY ? new EasyPostCarrier(settings.EASYPOST_API_KEY) : null;
  return (name) => {
    if (name === 'manual') return manual;
    if (settings.INTEGRATIONS === 'local') return local;
    return easypost ?? manual;
  };
}
