import { describe, expect, it } from 'vitest';
import { macroProblem, renderMacro, sampleMacroVariables } from './macros';

const bodies = {
  en: 'Hi {{ customer.name }}, your order {{ order.name }} is on its way: {{ tracking_url }}',
  'zh-CN': '{{ customer.name }}您好，您的订单 {{ order.name }} 已发出：{{ tracking_url }}',
  de: 'Hallo {{ customer.name }}, Ihre Bestellung {{ order.name }} ist unterwegs: {{ tracking_url }}',
};

describe('macros', () => {
  it("render in the case's language with the case's own facts", () => {
    const vars = { ...sampleMacroVariables, customer: { name: 'Li', email: '' }, order: { name: '#2002' } };
    expect(renderMacro(bodies, 'zh-CN', vars)).toBe('Li您好，您的订单 #2002 已发出：https://track.example/1Z999');
    expect(renderMacro(bodies, 'de-AT', vars)).toBe(
      'Hallo Li, Ihre Bestellung #2002 ist unterwegs: https://track.example/1Z999',
    );
    expect(renderMacro(bodies, 'en', vars)).toMatch(/^Hi Li, your order #2002/);
  });

  it('fall back to English, then to any language the macro has', () => {
    expect(renderMacro({ en: 'Label: {{ return_label_url }}' }, 'de', sampleMacroVariables)).toBe(
      'Label: https://labels.example/1.pdf',
    );
    expect(renderMacro({ de: 'Nur Deutsch' }, 'zh-CN', sampleMacroVariables)).toBe('Nur Deutsch');
  });

  it('are refused at save when a body names a variable that does not exist or does not parse', () => {
    expect(macroProblem({ en: 'Hi {{ customer.first_name }}' })).toMatchObject({ path: 'bodies.en' });
    expect(macroProblem({ de: '{% if case.number %}offen' })).toMatchObject({ path: 'bodies.de' });
    expect(macroProblem(bodies)).toBeNull();
  });
});
