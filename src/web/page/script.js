(function(){
document.documentElement.classList.add('js');
// What only the script makes true is shown; what says otherwise goes.
[].forEach.call(document.querySelectorAll('[data-js]'),function(e){e.hidden=false});
[].forEach.call(document.querySelectorAll('.nojs'),function(e){e.hidden=true});
var f=document.getElementById('ballot');
if(f){
var dots=+f.dataset.dots,cap=+f.dataset.cap,left=document.getElementById('left'),go=document.getElementById('go'),bar=document.querySelector('.bar');
var ins=[].slice.call(f.querySelectorAll('input[type=number]'));
function up(){var s=0,over=false;ins.forEach(function(i){s+=n(i);if(n(i)>cap)over=true});
var l=dots-s,t=l==-1?f.dataset.overOne:l<0?f.dataset.over.replace('{x}',s-dots):over?f.dataset.capMsg:s==0?f.dataset.none:f.dataset.left.split('|')[l];
if(left.textContent!==t){left.textContent=t;fit()}}
f.addEventListener('click',function(e){var b=e.target.closest('button[data-step]');if(!b)return;
var i=b.parentNode.querySelector('input');var v=n(i)+(+b.dataset.step),capped=v>cap;if(v<0)v=0;if(v>cap)v=cap;i.value=v;up();
if(capped)left.textContent=f.dataset.capReached});
f.addEventListener('input',up);
f.addEventListener('submit',function(){setTimeout(function(){go.disabled=true},0)});
// The bar stays below the ballot only while it is small (a quarter of
// the screen at most, whatever the text size); else it ends the page.
// Changing between the two keeps the focused control in view.
function fit(){var b=document.body,was=b.className,e=document.activeElement;b.className=was.replace(/ ?loose/,'');
if(bar.offsetHeight>window.innerHeight*.25)b.className+=' loose';
if(b.className!==was&&e&&e!==b&&e.scrollIntoView)e.scrollIntoView(false)}
up();fit();window.addEventListener('resize',fit)}
function n(i){var v=parseInt(i.value,10);return isNaN(v)||v<0?0:v}
var note=document.querySelector('.note');if(note){note.setAttribute('tabindex','-1');note.focus()}
// A text's length as it grows, said aloud near the end only.
var ta=document.getElementById('text'),cn=document.getElementById('count'),say=document.getElementById('count-say');
if(ta&&cn&&ta.maxLength>0){var mark=-1;
ta.addEventListener('input',function(){var l=ta.maxLength-ta.value.length;
var t=l<=0?cn.dataset.full:(l==1?cn.dataset.one:cn.dataset.other).replace('{n}',l);cn.textContent=t;
var m=l<=0?0:l<=10?10:l<=50?50:-1;if(m!=mark&&m>=0&&say)say.textContent=t;mark=m})}
var synth=window.speechSynthesis,m=document.querySelector('main');
function txt(e){return (e.getAttribute('aria-label')||e.textContent||'').replace(/\s+/g,' ').trim()}
function item(li){var d=m.dataset,b=li.querySelector('.badge'),p=li.querySelector('.text'),i=li.querySelector('input');
return sentences([txt(li.querySelector('.num')),b?txt(b):'',p?txt(p):'',i?f.dataset.said.split('|')[n(i)]||'':'',d.sayPlus,d.sayMinus])}
function sentences(parts){return parts.filter(function(t){return t}).map(function(t){return /[.!?…:]$/.test(t)?t:t+'.'}).join(' ')}
function page(){var out=[];[].forEach.call(m.querySelectorAll('h1,h2,p,legend,label,li,button'),function(e){
if(e.closest('[hidden]')||e.hasAttribute('data-speak'))return;var li=e.closest('li[data-id]');
if(li&&e!==li)return;if(e.tagName=='LI'&&e.dataset.id){out.push(item(e));return}if(e.closest('.count'))return;
out.push(e.tagName=='BUTTON'?m.dataset.sayButton+' : '+txt(e):txt(e))});return sentences(out)}
if(synth&&window.SpeechSynthesisUtterance){
[].forEach.call(document.querySelectorAll('[data-speak]'),function(b){b.hidden=false});
// A second press stops the reading; the page's button says so.
var speaking=null;
function shown(b,on){var s=b.querySelector('.label');if(!s)return;if(!b.dataset.label)b.dataset.label=s.textContent;
s.textContent=on?m.dataset.sayStop:b.dataset.label}
document.addEventListener('click',function(e){var b=e.target.closest('[data-speak]');if(!b)return;
var was=speaking;if(was){shown(was,false);speaking=null}synth.cancel();if(was===b)return;
var u=new SpeechSynthesisUtterance(b.dataset.speak=='page'?page():item(b.closest('li')));
u.lang=document.documentElement.lang;u.rate=.9;u.onend=function(){if(speaking===b){shown(b,false);speaking=null}};
speaking=b;shown(b,true);synth.speak(u)})}
function get(fn){if(!window.fetch)return;fetch(location.href,{credentials:'same-origin'}).then(function(r){return r.text()})
.then(function(h){h=h.replace(/<style[\s\S]*?<\/style>/g,'').replace(/<script[\s\S]*?<\/script>/g,'');
fn(new DOMParser().parseFromString(h,'text/html'))}).catch(function(){})}
if(document.body.dataset.wait){setInterval(function(){get(function(d){
var t=document.querySelector('textarea');if(t&&t.value.trim())return;
if(d.body&&d.body.dataset.screen!==document.body.dataset.screen)location.reload()})},5000)}
var sent=document.getElementById('sent');
if(sent){setInterval(function(){get(function(d){var n=d.getElementById('sent'),o=document.getElementById('sent');
if(n&&o&&n.innerHTML!==o.innerHTML)o.innerHTML=n.innerHTML})},5000)}
var fiche=document.getElementById('fiche');
if(fiche&&window.fetch&&window.URLSearchParams){var fd=fiche.dataset,timers={},busy={},again={};
function unit(el){var r=el.closest('[data-row]');if(!r)return el.name&&el.type!=='hidden'?el:null;return /_new$/.test(r.dataset.row)?null:r}
function key(u){return u.dataset.row||u.name}
function parts(u){return u.dataset.row?[].slice.call(u.querySelectorAll('input[name]:not([type=hidden]),select[name]')):[u]}
function base(el){return fiche.querySelector('input[name="base_'+el.name+'"]')}
function say(u,t){var s=document.getElementById(key(u)+'-state');if(s)s.textContent=t}
// Boxes ticked are one value: the group's ticked ones, with commas.
function boxes(e){return [].slice.call(fiche.querySelectorAll('input[type=checkbox][name="'+e.name+'"]'))}
function val(e){return e.type!=='checkbox'?e.value:boxes(e).filter(function(c){return c.checked}).map(function(c){return c.value}).join(',')}
function put(e,v){if(e.type!=='checkbox'){e.value=v;return}var on=v.split(',');boxes(e).forEach(function(c){c.checked=on.indexOf(c.value)>=0})}
function changed(u){return parts(u).some(function(e){var b=base(e);return b&&val(e)!==b.value})}
function save(u){var k=key(u);if(busy[k]){again[k]=true;return}if(!changed(u))return;busy[k]=true;say(u,fd.saving);
var b=new URLSearchParams(),sent=[];b.append('t',fiche.querySelector('input[name=t]').value);b.append('action','write');
parts(u).forEach(function(e){var o=base(e),v=val(e);b.append(e.name,v);if(o){b.append(o.name,o.value);sent.push([o,v])}});
fetch(fiche.getAttribute('action'),{method:'POST',body:b,credentials:'same-origin',redirect:'manual'}).then(function(r){
if(r.type==='opaqueredirect'||r.status===303){sent.forEach(function(p){p[0].value=p[1]});say(u,fd.saved);return}
return r.text().then(function(h){var n=new DOMParser().parseFromString(h,'text/html').querySelector('[role=alert]');say(u,n?n.textContent:fd.failed)})})
.catch(function(){say(u,fd.failed)}).then(function(){busy[k]=false;if(again[k]){again[k]=false;save(u)}})}
function later(e){var u=unit(e.target);if(!u)return;var k=key(u);clearTimeout(timers[k]);timers[k]=setTimeout(function(){save(u)},700)}
fiche.addEventListener('input',later);fiche.addEventListener('change',later);
fiche.addEventListener('focusout',function(e){var u=unit(e.target);if(!u||(u!==e.target&&u.contains(e.relatedTarget)))return;clearTimeout(timers[key(u)]);save(u)});
function quiet(l){return !l.contains(document.activeElement)&&![].some.call(l.querySelectorAll('[data-row]'),function(r){
return /_new$/.test(r.dataset.row)?[].some.call(r.querySelectorAll('input[name]'),function(i){return i.value}):changed(r)})}
setInterval(function(){get(function(d){if(!d.getElementById('fiche')){location.reload();return}
[].forEach.call(fiche.querySelectorAll('.others,[data-list] .rows,#budget-total'),function(o){var n=d.getElementById(o.id),l=o.closest('[data-list]');
if(n&&n.innerHTML!==o.innerHTML&&!o.querySelector('details[open]')&&(!l||quiet(l)))o.innerHTML=n.innerHTML});
[].forEach.call(fiche.querySelectorAll('input[name^=base_]'),function(b){if(b.closest('[data-row]'))return;var k=b.name.slice(5),el=fiche.querySelector('[name="'+k+'"]:not([type=hidden])'),a=document.activeElement,
n=d.querySelector('input[name="'+b.name+'"]');
if(el&&n&&!(a&&a.name===k)&&val(el)===b.value&&n.value!==b.value){put(el,n.value);b.value=n.value}})})},4000)}
})();
