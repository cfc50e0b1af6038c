import { describe, expect, it } from 'vitest';
import { runPromqlTestText } from '../promqltest/runner.js';

/** Runs promqltest-format cases (the same notation as Prometheus's own tests) against the engine. */
function expectAllPass(text: string): void {
  const result = runPromqlTestText(text, 'inline.test');
  expect(result.failures).toEqual([]);
  expect(result.skips).toEqual([]);
  expect(result.passed).toBeGreaterThan(0);
}

describe('PromQL semantics', () => {
  it('offset, @ and subqueries', () => {
    expectAllPass(`
load 1m
  metric 0+1x20

eval instant at 10m metric offset 2m
  metric 8

eval instant at 10m metric @ 300
  metric 5

eval instant at 10m metric @ 300 offset 1m
  metric 4

eval range from 0 to 2m step 1m metric @ 120
  metric 2 2 2

eval instant at 10m max_over_time(metric[5m:1m])
  {} 10

eval instant at 10m count_over_time(metric[5m:2m])
  {} 3

eval instant at 10m sum_over_time(max_over_time(metric[2m:1m])[3m:1m])
  {} 27

eval instant at 10m last_over_time(metric[3m:1m] @ 300)
  metric 5

eval instant at 10m timestamp(metric offset 90s)
  {} 480
`);
  });

  it('vector matching with group_left and include labels, and its errors', () => {
    expectAllPass(`
load 1m
  node_cpu{instance="a",mode="idle"} 3
  node_cpu{instance="a",mode="user"} 1
  node_meta{instance="a",role="db"} 1
  dup{instance="a",x="1"} 1
  dup{instance="a",x="2"} 2

eval instant at 0m node_cpu * on(instance) group_left(role) node_meta
  {instance="a",mode="idle",role="db"} 3
  {instance="a",mode="user",role="db"} 1

eval instant at 0m node_cpu > on(instance) group_left node_meta
  node_cpu{instance="a",mode="idle"} 3

eval instant at 0m node_cpu == bool on(instance) group_left node_meta
  {instance="a",mode="idle"} 0
  {instance="a",mode="user"} 1

eval instant at 0m node_cpu + on(instance) node_meta
  expect fail msg: multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)

eval instant at 0m node_meta + on(instance) group_left dup
  expect fail msg: found duplicate series for the match group {instance="a"} on the right hand-side of the operation: [{__name__="dup", instance="a", x="1"}, {__name__="dup", instance="a", x="2"}];many-to-many matching not allowed: matching labels must be unique on one side

eval instant at 0m node_cpu or on(instance) node_meta
  node_cpu{instance="a",mode="idle"} 3
  node_cpu{instance="a",mode="user"} 1

eval instant at 0m node_meta unless on(instance) node_cpu{mode="none"}
  node_meta{instance="a",role="db"} 1

eval instant at 0m 2 ^ node_meta - 10 % 3
  {instance="a",role="db"} 1
`);
  });

  it('aggregations, count_values and label functions', () => {
    expectAllPass(`
load 1m
  x{job="a",i="1"} 1
  x{job="a",i="2"} 3
  x{job="b",i="1"} 1e21

eval instant at 0m avg without (i) (x)
  {job="a"} 2
  {job="b"} 1e21

eval instant at 0m count_values("value", x)
  {value="1"} 1
  {value="3"} 1
  {value="1000000000000000000000"} 1

eval instant at 0m stddev by (job) (x)
  {job="a"} 1
  {job="b"} 0

eval instant at 0m quantile by (job) (0.5, x)
  {job="a"} 2
  {job="b"} 1e21

eval instant at 0m label_replace(x{job="a"}, "dst", "$1-\${2}x$2x", "i", "(.)(.*)")
  x{job="a",i="1",dst="1-x"} 1
  x{job="a",i="2",dst="2-x"} 3

eval instant at 0m label_join(x{job="b"}, "joined", "/", "job", "i", "missing")
  x{job="b",i="1",joined="b/1/"} 1e21

eval instant at 0m label_replace(x, "i", "", "i", ".*")
  expect fail msg: vector cannot contain metrics with the same labelset
`);
  });

  it('functions the engine owns', () => {
    expectAllPass(`
load 1m
  req_bucket{le="0.1"} 0+1x10
  req_bucket{le="1"} 0+2x10
  req_bucket{le="+Inf"} 0+2x10
  one 5

eval instant at 10m histogram_quantile(0.5, rate(req_bucket[5m]))
  {} 0.1

eval instant at 10m absent(nothing{job="a", env=~"x"})
  {job="a"} 1

eval range from 0 to 2m step 1m absent_over_time(one[1m] offset 1m)
  {} 1 _ 1

eval instant at 0m scalar(one) * vector(2)
  {} 10

eval instant at 0m clamp(one, 0, 3)
  {} 3

eval instant at 0m clamp(one, 3, 0)

eval instant at 0m round(one / 3, 0.5)
  {} 1.5

eval instant at 0m hour()
  {} 0
`);
  });
});
