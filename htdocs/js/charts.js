/* charts.js - bar and line charts, drawn as SVG from the report tables on
 * the page. The table holds the figures (and stays, for screen readers,
 * copying and printing); the chart is drawn from it. A table with
 *   data-charts="bar:1,3;line:2"
 * gets a bar chart of its columns 1 and 3 and a line chart of column 2,
 * each against the labels in column 0. A cell's number is its data-value
 * (else its text); a column head with data-unit="seconds" gets time ticks.
 * Each chart is an image with a title and a description; each bar and
 * point has a title of its own. Charts fit the width they are given and
 * are drawn again when it changes (a phone turned on its side). */
(function () {
  'use strict';

  const NS = 'http://www.w3.org/2000/svg';
  const HEIGHT = 260;
  const MARGIN = { top: 14, right: 14, bottom: 40, left: 58 };
  const SERIES_COLOURS = 4; // .series-0 … .series-3 in baton.css

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function duration(seconds) {
    const s = Math.round(Math.abs(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor(s / 60) % 60;
    const pad = (n) => String(n).padStart(2, '0');
    const text = h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
    return seconds < 0 ? `-${text}` : text;
  }

  function format(value, unit) {
    if (unit === 'seconds') return duration(value);
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  function cellNumber(cell) {
    if (!cell) return 0;
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
    const n = Number(String(raw).trim());
    return Number.isFinite(n) ? n : 0;
  }

  function readTable(table) {
    const heads = Array.from(table.tHead.rows[0].cells).map((th) => ({
      title: th.textContent.trim(), unit: th.dataset.unit || '',
    }));
    const rows = Array.from(table.tBodies[0].rows).map((tr) => Array.from(tr.cells));
    return {
      heads,
      labels: rows.map((cells) => cells[0].textContent.trim()),
      column: (i) => rows.map((cells) => cellNumber(cells[i])),
    };
  }

  /* Round steps for the value axis: at most five of them above zero. */
  function ticks(max, unit, integers) {
    let step;
    if (unit === 'seconds') {
      const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400];
      step = steps.find((s) => max / s <= 5) || Math.ceil(max / 5 / 86400) * 86400;
    } else {
      const raw = max / 5 || 1;
      const power = 10 ** Math.floor(Math.log10(raw));
      step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
      if (integers) step = Math.max(1, Math.round(step));
    }
    const top = Math.max(step, Math.ceil(max / step) * step);
    const list = [];
    for (let v = 0; v <= top + step / 1000; v += step) list.push(v);
    return { top, list };
  }

  function parseSpec(spec) {
    return spec.split(';').map((part) => {
      const [type, cols] = part.split(':');
      return { type: type === 'line' ? 'line' : 'bar', cols: (cols || '').split(',').map(Number).filter((n) => n > 0) };
    }).filter((c) => c.cols.length > 0);
  }

  function describe(data, chart, tableTitle) {
    const names = chart.cols.map((c) => data.heads[c].title);
    const what = `${names.join(' and ')} by ${data.heads[0].title.toLowerCase()}`;
    const highs = chart.cols.map((c) => {
      const values = data.column(c);
      let at = 0;
      values.forEach((v, i) => { if (v > values[at]) at = i; });
      return values.length
        ? `highest ${data.heads[c].title}: ${format(values[at], data.heads[c].unit)} (${data.labels[at]})`
        : '';
    }).filter(Boolean);
    return {
      title: what.charAt(0).toUpperCase() + what.slice(1),
      desc: `${chart.type === 'line' ? 'Line' : 'Bar'} chart of the table "${tableTitle}", ` +
        `${data.labels.length} ${data.labels.length === 1 ? 'row' : 'rows'}; ${highs.join('; ')}.`,
    };
  }

  function draw(figure, data, chart, tableTitle) {
    const width = Math.max(280, Math.floor(figure.clientWidth || 600));
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const n = data.labels.length;
    const unit = data.heads[chart.cols[0]].unit;
    const series = chart.cols.map((c) => data.column(c));
    const all = [].concat(...series);
    const integers = all.every((v) => Number.isInteger(v));
    const scale = ticks(Math.max(0, ...all), unit, integers);
    const y = (v) => MARGIN.top + plotH - (Math.max(0, v) / scale.top) * plotH;
    const band = plotW / Math.max(1, n);
    const text = describe(data, chart, tableTitle);
    const id = figure.id;

    const root = svg('svg', {
      width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`, class: `chart-svg chart-${chart.type}`,
    });
    root.append(svg('title', { id: `${id}-title` }, text.title));
    root.append(svg('desc', { id: `${id}-desc` }, text.desc));

    const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
    for (const v of scale.list) {
      const yy = y(v);
      axis.append(svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: yy, y2: yy, class: v === 0 ? 'baseline' : 'grid' }));
      axis.append(svg('text', { x: MARGIN.left - 6, y: yy + 4, 'text-anchor': 'end' }, format(v, unit)));
    }
    const longest = Math.max(1, ...data.labels.map((l) => l.length));
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / (longest * 7 + 10)))));
    data.labels.forEach((label, i) => {
      if (i % every !== 0) return;
      axis.append(svg('text', {
        x: MARGIN.left + band * (i + 0.5), y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle',
      }, label));
    });
    root.append(axis);

    const marks = svg('g', { class: 'marks' });
    series.forEach((values, s) => {
      const col = chart.cols[s];
      const head = data.heads[col];
      const colour = `series-${s % SERIES_COLOURS}`;
      if (chart.type === 'bar') {
        const group = band * 0.8;
        const barW = Math.max(1, group / series.length);
        values.forEach((v, i) => {
          const x = MARGIN.left + band * i + (band - group) / 2 + barW * s;
          const top = y(v);
          const rect = svg('rect', {
            x: x.toFixed(2), y: top.toFixed(2), width: Math.max(1, barW - 1).toFixed(2),
            height: (MARGIN.top + plotH - top).toFixed(2), class: `bar ${colour}`,
          });
          rect.append(svg('title', {}, `${data.labels[i]}: ${head.title} ${format(v, head.unit)}`));
          marks.append(rect);
        });
      } else {
        const points = values.map((v, i) => [MARGIN.left + band * (i + 0.5), y(v)]);
        marks.append(svg('polyline', {
          points: points.map((p) => p.map((c) => c.toFixed(2)).join(',')).join(' '),
          class: `line ${colour}`,
        }));
        points.forEach(([px, py], i) => {
          const dot = svg('circle', { cx: px.toFixed(2), cy: py.toFixed(2), r: n > 60 ? 2 : 3.5, class: `point ${colour}` });
          dot.append(svg('title', {}, `${data.labels[i]}: ${head.title} ${format(values[i], head.unit)}`));
          marks.append(dot);
        });
      }
    });
    root.append(marks);
    return root;
  }

  function legend(data, chart) {
    const list = document.createElement('ul');
    list.className = 'legend';
    chart.cols.forEach((col, s) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch series-${s % SERIES_COLOURS}`;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, data.heads[col].title);
      list.append(item);
    });
    return list;
  }

  function chartTable(table) {
    if (!table.tHead || !table.tBodies[0] || table.tBodies[0].rows.length === 0) return [];
    const data = readTable(table);
    const title = table.dataset.title || '';
    const wrap = table.closest('.table-wrap') || table;
    const drawn = [];
    parseSpec(table.dataset.charts).forEach((chart, k) => {
      chart.cols = chart.cols.filter((c) => c < data.heads.length);
      if (chart.cols.length === 0) return;
      const figure = document.createElement('figure');
      figure.className = 'chart';
      figure.id = `chart-${table.id.replace(/^table-/, '')}-${k}`;
      wrap.before(figure);
      const redraw = () => {
        const old = figure.querySelector('svg');
        const fresh = draw(figure, data, chart, title);
        if (old) old.replaceWith(fresh); else figure.prepend(fresh);
      };
      redraw();
      figure.append(legend(data, chart));
      drawn.push({ figure, redraw, width: figure.clientWidth });
    });
    return drawn;
  }

  function start() {
    const charts = [];
    document.querySelectorAll('table[data-charts]').forEach((table) => charts.push(...chartTable(table)));
    let pending = 0;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        for (const c of charts) {
          if (c.figure.clientWidth === c.width) continue;
          c.width = c.figure.clientWidth;
          c.redraw();
        }
      }, 150);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
