// Numbers as the report prints them.

export function formatTime(ns) {
  if (ns == null || Number.isNaN(ns)) return '—';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export const formatRate = (ns) => {
  const rate = 1e9 / ns;
  return rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(rate >= 10 ? 1 : 2);
};
export const formatBytes = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
export const ratio = (value, base) => (base ? `${(value / base).toFixed(2)}×` : '—');
