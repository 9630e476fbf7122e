// beian — step 拍照核验 (/order/verify.html): the curtain's address with
// choices instead of typing.
//
// Without JavaScript the address form (cgi/verify-view.c) has a province
// <select> and the city and district typed as text; the server takes
// names as well as codes. With this module the city and the district
// become <select>s filled from GET /api/regions/{code} as the province and
// the city are chosen, and the district is hidden for the cities that have
// none (东莞, 中山, 儋州). The photo forms are upload.js's, the phone panel
// handoff.js's.

import { api } from './api.js';

const form = document.querySelector('.frag[data-frag="order-verify"] fieldset.curtain-form')?.closest('form');

function selectFor(input) {
  const sel = document.createElement('select');
  sel.id = input.id;
  sel.name = input.name;
  sel.required = input.required;
  for (const a of ['aria-describedby', 'aria-invalid']) {
    if (input.hasAttribute(a)) sel.setAttribute(a, input.getAttribute(a));
  }
  input.replaceWith(sel);
  return sel;
}

function fill(sel, regions, placeholder, want) {
  sel.replaceChildren(new Option(placeholder, ''));
  for (const r of regions) {
    const o = new Option(r.name, r.code);
    if (want && (want === r.code || want === r.name)) o.selected = true;
    sel.append(o);
  }
  sel.disabled = regions.length === 0;
}

async function regions(code) {
  const r = await api('GET', `/api/regions/${code}`);
  return r.ok && r.data && Array.isArray(r.data.regions) ? r.data.regions : [];
}

if (form) {
  const province = form.elements.namedItem('province');
  const cityInput = form.elements.namedItem('city');
  const districtInput = form.elements.namedItem('district');
  const typedCity = cityInput.value;
  const typedDistrict = districtInput.value;
  const city = selectFor(cityInput);
  const district = selectFor(districtInput);
  const districtField = district.closest('.field');

  async function loadCities(want) {
    fill(city, [], '请先选择省份');
    fill(district, [], '请先选择城市');
    if (!/^\d{6}$/.test(province.value)) return;
    fill(city, await regions(province.value), '请选择城市', want);
    if (city.value) await loadDistricts(typedDistrict);
  }

  async function loadDistricts(want) {
    fill(district, [], '请先选择城市');
    districtField.hidden = false;
    if (!/^\d{6}$/.test(city.value)) return;
    const list = await regions(city.value);
    // A city without districts: the city is the district.
    districtField.hidden = list.length === 0;
    district.required = list.length > 0;
    fill(district, list, '请选择区/县', want);
  }

  province.addEventListener('change', () => loadCities());
  city.addEventListener('change', () => loadDistricts());
  loadCities(typedCity).finally(() => { form.dataset.regions = 'true'; });
}
