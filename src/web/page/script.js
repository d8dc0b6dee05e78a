(function(){
document.documentElement.classList.add('js');
var f=document.getElementById('ballot');
if(f){
var dots=+f.dataset.dots,cap=+f.dataset.cap,left=document.getElementById('left'),go=document.getElementById('go');
var ins=[].slice.call(f.querySelectorAll('input[type=number]'));
function fill(t,k){return t.replace('{n}',k)}
function up(){var s=0,over=false;ins.forEach(function(i){s+=n(i);if(n(i)>cap)over=true});
var l=dots-s,t=l<0?fill(f.dataset.over,s):f.dataset.left.split('|')[l];if(left.textContent!==t)left.textContent=t;
if(s==0){go.disabled=true;go.textContent=f.dataset.none}
else if(l<0){go.disabled=true;go.textContent=fill(f.dataset.over,s)}
else if(over){go.disabled=true;go.textContent=f.dataset.capMsg}
else{go.disabled=false;go.textContent=f.dataset.cast}}
f.addEventListener('click',function(e){var b=e.target.closest('button[data-step]');if(!b)return;
var i=b.parentNode.querySelector('input');var v=n(i)+(+b.dataset.step);if(v<0)v=0;if(v>cap)v=cap;i.value=v;up()});
f.addEventListener('input',up);
f.addEventListener('submit',function(){setTimeout(function(){go.disabled=true},0)});
up()}
function n(i){var v=parseInt(i.value,10);return isNaN(v)||v<0?0:v}
var note=document.querySelector('.note');if(note){note.setAttribute('tabindex','-1');note.focus()}
var synth=window.speechSynthesis,m=document.querySelector('main');
function txt(e){return (e.getAttribute('aria-label')||e.textContent||'').replace(/\s+/g,' ').trim()}
function item(li){var d=m.dataset,b=li.querySelector('.badge'),p=li.querySelector('p'),i=li.querySelector('input');
return sentences([txt(li.querySelector('.num')),b?txt(b):'',p?txt(p):'',i?f.dataset.said.split('|')[n(i)]||'':'',d.sayPlus,d.sayMinus])}
function sentences(parts){return parts.filter(function(t){return t}).map(function(t){return /[.!?…:]$/.test(t)?t:t+'.'}).join(' ')}
function page(){var out=[];[].forEach.call(m.querySelectorAll('h1,h2,p,legend,label,li,button'),function(e){
if(e.closest('[hidden]')||e.hasAttribute('data-speak'))return;var li=e.closest('li');
if(li&&e!==li)return;if(e.tagName=='LI'&&e.dataset.id){out.push(item(e));return}if(e.closest('.count'))return;
out.push(e.tagName=='BUTTON'?m.dataset.sayButton+' : '+txt(e):txt(e))});return sentences(out)}
if(synth&&window.SpeechSynthesisUtterance){
[].forEach.call(document.querySelectorAll('[data-speak]'),function(b){b.hidden=false});
document.addEventListener('click',function(e){var b=e.target.closest('[data-speak]');if(!b)return;
var u=new SpeechSynthesisUtterance(b.dataset.speak=='page'?page():item(b.closest('li')));
u.lang=document.documentElement.lang;u.rate=.9;synth.cancel();synth.speak(u)})}
function get(fn){if(!window.fetch)return;fetch(location.href,{credentials:'same-origin'}).then(function(r){return r.text()})
.then(function(h){h=h.replace(/<style[\s\S]*?<\/style>/g,'').replace(/<script[\s\S]*?<\/script>/g,'');
fn(new DOMParser().parseFromString(h,'text/html'))}).catch(function(){})}
if(document.body.dataset.wait){setInterval(function(){get(function(d){
var t=document.querySelector('textarea');if(t&&t.value.trim())return;
if(d.body&&d.body.dataset.screen!==document.body.dataset.screen)location.reload()})},5000)}
var sent=document.getElementById('sent');
if(sent){setInterval(function(){get(function(d){var n=d.getElementById('sent'),o=document.getElementById('sent');
if(n&&o&&n.innerHTML!==o.innerHTML)o.innerHTML=n.innerHTML})},5000)}
})();
