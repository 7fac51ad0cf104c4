// The target picker's keyboard behaviour, checked in Node with a tiny fake DOM (tests/editing/
// test_target_picker_script.py runs it); the Playwright journey checks it in Chromium.
"use strict";
const fs = require("fs");
class ClassList { constructor(){this.s=new Set();} add(c){this.s.add(c);} remove(c){this.s.delete(c);} toggle(c,f){ if(f===undefined?!this.s.has(c):f) this.s.add(c); else this.s.delete(c);} contains(c){return this.s.has(c);} }
const all = [];
class El {
  constructor(tag){ this.tagName=tag.toUpperCase(); this.attrs={}; this.children=[]; this.listeners={}; this.classList=new ClassList(); this.dataset={}; this.hidden=false; this._text=""; this.value=""; this.parent=null; all.push(this);}
  set className(v){ v.split(" ").forEach(c=>this.classList.add(c)); } get className(){return [...this.classList.s].join(" ");}
  set id(v){this.attrs.id=v;} get id(){return this.attrs.id;}
  setAttribute(k,v){this.attrs[k]=String(v);} getAttribute(k){return k in this.attrs?this.attrs[k]:null;} removeAttribute(k){delete this.attrs[k];}
  append(...kids){ for(let k of kids){ if(typeof k==="string"){ const t=new El("#text"); t._text=k; k=t;} k.parent=this; this.children.push(k);} }
  replaceChildren(){ this.children=[]; }
  set textContent(v){ this.children=[]; this._text=v; } get textContent(){ return this._text + this.children.map(c=>c.textContent).join(""); }
  addEventListener(t,f){ (this.listeners[t]=this.listeners[t]||[]).push(f); }
  dispatchEvent(e){ e.target=this; (this.listeners[e.type]||[]).forEach(f=>f(e)); return true; }
  descendants(){ return this.children.flatMap(c=>[c,...c.descendants()]); }
  querySelector(sel){ return this.querySelectorAll(sel)[0]||null; }
  querySelectorAll(sel){ const d=this.descendants(); if(sel==="input") return d.filter(e=>e.tagName==="INPUT"); if(sel.startsWith(".")) return d.filter(e=>e.classList.contains(sel.slice(1))); return []; }
  scrollIntoView(){}
  get innerHTML(){ return this.textContent; }
}
const wrapper = new El("div"); wrapper.className="nw-picker";
Object.assign(wrapper.dataset,{targetsUrl:"/admin/critiques/critique/targets/", planField:"id_target_in_plan", results:"%(count)s elements found", noResults:"No element matches.", pillar:"pillar"});
const input = new El("input"); input.id="id_target"; wrapper.append(input);
const plan = new El("select"); plan.id="id_target_in_plan"; plan.value="4";
const label = new El("label"); label.textContent="What it criticises:";
let focused = input;
global.Event = class { constructor(t){this.type=t;} };
global.window = { location: { href: "http://x/admin/critiques/critique/add/" } };
global.document = {
  readyState: "complete",
  get activeElement(){ return focused; },
  createElement: t=>new El(t),
  getElementById: id => id==="id_target_in_plan"?plan:null,
  querySelectorAll: sel => sel.startsWith(".nw-picker")?[wrapper]:[],
  querySelector: sel => sel.startsWith("label")?label:null,
};
const asked = [];
global.fetch = async (url) => { asked.push(url.toString()); return { ok: true, json: async () => ({groups: [
  {group:"Indicators", options:[{label:"PART-I3 – Number of exchanges", pillar:"Participation"},{label:"PART-I30 – Other", pillar:"Participation"}]}]}) }; };
global.setTimeout = (f)=>{ f(); return 1; }; global.clearTimeout=()=>{};
eval(fs.readFileSync(process.argv[2], "utf8"));
function key(k, extra={}){ let prevented=false; input.dispatchEvent(Object.assign({type:"keydown", key:k, altKey:false, preventDefault(){prevented=true;}}, extra)); return prevented; }
(async () => {
  const ok = (c, m) => { if(!c){ console.log("FAIL", m); process.exitCode=1;} else console.log("ok", m); };
  ok(input.getAttribute("role")==="combobox" && input.getAttribute("aria-expanded")==="false", "combobox role, closed");
  const listbox = wrapper.children.find(c=>c.getAttribute("role")==="listbox");
  ok(listbox && input.getAttribute("aria-controls")===listbox.id && listbox.getAttribute("aria-label")==="What it criticises", "controls a labelled listbox");
  input.value="PART-I3"; input.dispatchEvent({type:"input"});
  await new Promise(r=>setImmediate(r)); await new Promise(r=>setImmediate(r));
  ok(asked[0].includes("plan=4") && asked[0].includes("q=PART-I3"), "asks the server: "+asked[0]);
  ok(input.getAttribute("aria-expanded")==="true" && !listbox.hidden, "opens with results");
  const status = wrapper.children.find(c=>c.getAttribute("role")==="status");
  ok(status.textContent==="2 elements found", "announces the count: "+status.textContent);
  key("ArrowDown");
  const first = all.find(e=>e.id===input.getAttribute("aria-activedescendant"));
  ok(first && first.getAttribute("aria-selected")==="true" && first.textContent.startsWith("PART-I3 – "), "ArrowDown makes the first option active: "+(first&&first.textContent));
  key("ArrowDown"); key("ArrowUp");
  ok(input.getAttribute("aria-activedescendant")===first.id, "ArrowDown, ArrowUp come back");
  const prevented = key("Enter");
  ok(prevented && input.value==="PART-I3 – Number of exchanges", "Enter chooses (and does not submit): "+input.value);
  ok(input.getAttribute("aria-expanded")==="false" && listbox.hidden, "closes after choosing");
  ok(key("Enter")===false, "Enter with the list closed submits the form");
  key("ArrowDown"); await new Promise(r=>setImmediate(r)); await new Promise(r=>setImmediate(r));
  ok(asked[asked.length-1].includes("q=PART-I3") && !asked[asked.length-1].includes("Number"), "a chosen value searches by its code");
  key("Escape"); ok(listbox.hidden, "Escape closes"); key("Escape"); ok(input.value==="", "a second Escape clears");
})();
