// The one formatter of reasons (issue 12, point 6): label sets, units and decoded PromQL, as people read them.
import { describe, expect, it } from 'vitest';
import {
  decodeUrls,
  noAnswerText,
  rowNames,
  seriesNames,
  unitOfQuery,
  valueText,
} from '../../src/runbook/reason-text.js';

describe('seriesNames', () => {
  it('drops __name__, and job and instance when they tell no series apart', () => {
    const l = { __name__: 'market_master_model_accuracy', instance: '127.0.0.1:8000', job: 'market_master' };
    expect(seriesNames([{ ...l, model: 'xgb_v2' }])).toEqual(['model=xgb_v2']);
    expect(
      seriesNames([
        { ...l, model: 'a' },
        { ...l, model: 'b' },
      ]),
    ).toEqual(['model=a', 'model=b']);
    expect(seriesNames([l])).toEqual(['']);
  });

  it('keeps job (or instance) when it is what tells series apart', () => {
    const up = [
      { __name__: 'up', instance: '127.0.0.1:8000', job: 'market_master' },
      { __name__: 'up', instance: '127.0.0.1:9090', job: 'prometheus' },
    ];
    expect(seriesNames(up)).toEqual(['job=market_master', 'job=prometheus']);
    const two = [
      { job: 'engine', instance: 'a:1' },
      { job: 'engine', instance: 'b:1' },
    ];
    expect(seriesNames(two)).toEqual(['instance=a:1', 'instance=b:1']);
  });

  it('quotes values that would not read as one word', () => {
    expect(seriesNames([{ path: 'a b' }, { path: '' }])).toEqual(['path="a b"', 'path=""']);
  });
});

describe('valueText', () => {
  it.each([
    [0.06641, 'seconds', '66.4 ms'],
    [0.25, 'seconds', '250 ms'],
    [75, 'seconds', '75 s'],
    [0.9267, 'ratio', '92.7 %'],
    [0.003571, 'ratio', '0.357 %'],
    [25, 'per_second', '25/s'],
    [1.53, 'factor', '1.53×'],
    [1536 * 1024 * 1024, 'bytes', '1.5 GiB'],
    [0.9749, 'none', '0.9749'],
    [Number.NaN, 'ratio', 'NaN'],
  ] as const)('%s %s reads %s', (v, unit, text) => {
    expect(valueText(v, unit)).toBe(text);
  });
});

describe('unitOfQuery: the shipped runbooks’ queries', () => {
  it.each([
    [
      'histogram_quantile(0.95, sum by (le) (rate(market_master_prediction_duration_seconds_bucket[5m])))',
      'seconds',
    ],
    [
      'sum(rate(market_master_predictions_total[5m]))\n  and on () (time() - max(process_start_time_seconds{job="market_master"}) > 300)',
      'per_second',
    ],
    [
      '(sum(rate(market_master_prediction_errors_total[5m])) or vector(0)) / sum(rate(market_master_predictions_total[5m]))',
      'ratio',
    ],
    ['market_master_prediction_queue_utilization_ratio', 'ratio'],
    ['market_master_data_quality_score', 'none'],
    ['market_master_model_accuracy', 'ratio'],
    ['min_over_time(market_master_model_accuracy[7d])', 'ratio'],
    ['up', 'none'],
    ['up{job="market_master"}', 'none'],
    [
      'sum(rate(market_master_predictions_total[5m])) / sum(rate(market_master_predictions_total[5m] offset 1h))',
      'factor',
    ],
    [
      'max by (instance, job) (process_resident_memory_bytes{job="market_master"})\n  / min by (instance, job) (min_over_time(process_resident_memory_bytes{job="market_master"}[15m]))',
      'factor',
    ],
    ['rate(process_cpu_seconds_total{job="market_master"}[5m])', 'none'],
    ['rate(prometheus_notifications_errors_total[5m])', 'per_second'],
    ['sum(increase(market_master_store_failures_total[10m]))', 'none'],
    ['max(market_master_store_lag_seconds)', 'seconds'],
    ['scrape_duration_seconds', 'seconds'],
    ['quantile_over_time(0.95, market_master_system_cpu_utilization_ratio[30d])', 'ratio'],
    [
      'predict_linear(market_master_system_disk_utilization_ratio[30d], 30 * 86400)\n  and on (instance, job) (time() - min_over_time(timestamp(market_master_system_disk_utilization_ratio)[30d:1h]) > 7 * 86400)',
      'ratio',
    ],
    [
      'label_replace(market_master_model_precision, "metric", "precision", "", "")\n  or label_replace(market_master_model_recall, "metric", "recall", "", "")',
      'ratio',
    ],
    [
      'label_replace(max_over_time(sum(rate(market_master_predictions_total[5m]))[30d:5m]), "metric", "peak", "", "")\n  or label_replace(max_over_time(market_master_prediction_queue_utilization_ratio[30d]), "metric", "q", "", "")',
      'none',
    ],
    ['market_master_last_evaluation_timestamp_seconds', 'none'],
  ] as const)('%s is %s', (q, unit) => {
    expect(unitOfQuery(q)).toBe(unit);
  });
});

describe('decodeUrls and noAnswerText', () => {
  it('shows PromQL in a URL decoded', () => {
    const url = `http://127.0.0.1:9090/api/v1/query?${new URLSearchParams({ query: 'up{job="market_master"} == 0' })}`;
    expect(decodeUrls(`${url}: HTTP 400 bad_data`)).toBe(
      'http://127.0.0.1:9090/api/v1/query?query=up{job="market_master"} == 0: HTTP 400 bad_data',
    );
    expect(decodeUrls('http://x/?q=%E0%A4%A: broken')).toBe('http://x/?q=%E0%A4%A: broken');
  });

  it('says what a system error code means', () => {
    expect(noAnswerText('ECONNREFUSED')).toBe('connection refused (ECONNREFUSED)');
    expect(noAnswerText('no answer within 5000 ms')).toBe('no answer within 5000 ms');
  });
});

describe('rowNames', () => {
  it('names alerts by alertname, other series by their distinguishing labels, at most three', () => {
    const alert = (alertname: string) => ({
      __name__: 'ALERTS',
      alertname,
      alertstate: 'firing',
      severity: 'critical',
    });
    expect(rowNames([alert('HighCpuUtilization'), alert('SystemHealthDegraded')])).toBe(
      'HighCpuUtilization, SystemHealthDegraded',
    );
    expect(rowNames([{ feature: 'a' }, { feature: 'b' }, { feature: 'c' }, { feature: 'd' }])).toBe(
      'feature=a, feature=b, feature=c, ...',
    );
  });
});
