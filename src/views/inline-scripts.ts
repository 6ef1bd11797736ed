/**
 * Every inline <script> any page renders, and nothing else: the Content-Security-Policy allows
 * exactly these by their SHA-256 (src/http/security-headers.ts), so a script injected into a page
 * does not run. A new one must be added here or it is blocked.
 */

// Progressive enhancement only: hide the pickup address unless pickup is chosen, and the exchange
// choices unless exchange is. Without JS everything stays visible and the server ignores the unused.
export const orderFormScript = `(function(){var f=document.getElementById('return-form');if(!f)return;function s(){var m=f.querySelector('input[name=method]:checked'),r=f.querySelector('input[name=resolution]:checked');var p=document.getElementById('pickup');if(p)p.hidden=!m||m.value!=='pickup';f.querySelectorAll('.exchange').forEach(function(e){e.hidden=!r||r.value!=='exchange'})}f.addEventListener('change',s);s()})();`;

// The admin's policy editor: changing a condition's operator shows the page again with the value
// control that operator takes (a menu or checkboxes), as the "Update the menus" button does without JS.
export const policyFormScript = `(function(){var f=document.getElementById('policy-form'),b=document.getElementById('policy-refresh');if(!f||!b)return;f.addEventListener('change',function(e){var t=e.target;if(!t||!t.matches||!t.matches('select[data-refresh]'))return;var s=t.closest('fieldset');f.action='/admin/policy'+(s&&s.id?'#'+s.id:'');f.requestSubmit?f.requestSubmit(b):b.click()})})();`;

export const INLINE_SCRIPTS: readonly string[] = [orderFormScript, policyFormScript];
