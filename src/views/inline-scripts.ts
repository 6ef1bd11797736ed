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

// Embedded admin only (after App Bridge): a notice becomes Shopify's toast, and a link or form inside
// the admin carries a fresh App Bridge session token (id_token) so the server need not trust a cookie
// in the iframe. Without App Bridge (or JS) the page is the standalone one and works the same.
export const embeddedAdminScript = `(function(){var s=window.shopify;if(!s||!s.idToken)return;document.querySelectorAll('[data-toast]').forEach(function(e){if(s.toast){s.toast.show(e.textContent.trim());e.hidden=true}});function add(f,n,v){var i=document.createElement('input');i.type='hidden';i.name=n;i.value=v;f.appendChild(i)}document.addEventListener('click',function(ev){var a=ev.target&&ev.target.closest?ev.target.closest('a[href^="/admin"]'):null;if(!a||ev.defaultPrevented||ev.button||ev.metaKey||ev.ctrlKey||ev.shiftKey||a.target||a.hasAttribute('download'))return;ev.preventDefault();s.idToken().then(function(t){var u=new URL(a.href);u.searchParams.set('id_token',t);location.assign(u.toString())})});document.addEventListener('submit',function(ev){var f=ev.target;if(!f||f.getAttribute('data-signed')||new URL(f.action,location.href).pathname.indexOf('/admin')!==0)return;ev.preventDefault();var b=ev.submitter;s.idToken().then(function(t){if(b&&b.name)add(f,b.name,b.value);add(f,'id_token',t);f.setAttribute('data-signed','1');f.submit()})})})();`;

// The admin's single-key shortcuts (case page and queue): a key presses the element marked data-key
// with it (a button is clicked, a field focused); on a list, j/k move the focus between the links
// marked data-row-link (Enter opens one); "?" opens the list of keys. Nothing happens while typing in
// a field or with a modifier held (Alt+key stays the browser's accesskey). Without JS the accesskeys
// and the list remain.
export const adminKeysScript = `(function(){var on=false;try{on=localStorage.getItem('aftercare.keys')==='on'}catch(_){}var box=document.getElementById('keys-on');if(box){box.checked=on;box.closest('.keys-toggle').hidden=false;box.addEventListener('change',function(){on=box.checked;try{localStorage.setItem('aftercare.keys',on?'on':'off')}catch(_){}})}document.addEventListener('keydown',function(e){if(!on||e.defaultPrevented||e.altKey||e.ctrlKey||e.metaKey||e.isComposing)return;var t=e.target;if(t&&t.closest&&t.closest('input,textarea,select,[contenteditable]'))return;if(e.key==='?'){var d=document.getElementById('keys-help');if(!d)return;e.preventDefault();d.open=true;d.querySelector('summary').focus();return}if(!/^[a-z]$/.test(e.key))return;var rows=document.querySelectorAll('[data-row-link]');if(rows.length&&(e.key==='j'||e.key==='k')){var i=Array.prototype.indexOf.call(rows,document.activeElement);i=e.key==='j'?Math.min(rows.length-1,i+1):Math.max(0,i-1);e.preventDefault();rows[i].focus();return}var el=document.querySelector('[data-key="'+e.key+'"]');if(!el)return;e.preventDefault();if(el.matches('textarea,input,select'))el.focus();else el.click()})})();`;

export const INLINE_SCRIPTS: readonly string[] = [
  orderFormScript,
  policyFormScript,
  embeddedAdminScript,
  adminKeysScript,
];
