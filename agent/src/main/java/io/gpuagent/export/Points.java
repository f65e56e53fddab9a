package io.gpuagent.export;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.List;

/** The data points of one family, gathered as they are found; a family that got none is left out. */
final class Points {

    enum Kind {
        GAUGE, COUNTER, UNTYPED
    }

    private final Kind kind;
    private final String name;
    private final String help;
    private final Unit unit;
    private GaugeSnapshot.Builder gauge;
    private CounterSnapshot.Builder counter;
    private UnknownSnapshot.Builder untyped;

    /** @param unit null for none */
    Points(Kind kind, String name, String help, Unit unit) {
        this.kind = kind;
        this.name = name;
        this.help = help;
        this.unit = unit;
    }

    void add(Labels labels, double value) {
        switch (kind) {
            case GAUGE -> {
                if (gauge == null) {
                    gauge = GaugeSnapshot.builder().name(name).help(help);
                    if (unit != null) {
                        gauge.unit(unit);
                    }
                }
                gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
            }
            case COUNTER -> {
                if (counter == null) {
                    counter = CounterSnapshot.builder().name(name).help(help);
                    if (unit != null) {
                        counter.unit(unit);
                    }
                }
                counter.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
            }
            case UNTYPED -> {
                if (untyped == null) {
                    untyped = UnknownSnapshot.builder().name(name).help(help);
                    if (unit != null) {
                        untyped.unit(unit);
                    }
                }
                untyped.dataPoint(UnknownDataPointSnapshot.builder().labels(labels).value(value).build());
            }
        }
    }

    /** The family's name as {@code /metrics} shows it (a counter's with {@code _total}). */
    String exposedName() {
        return kind == Kind.COUNTER ? name + "_total" : name;
    }

    /** Adds the family to {@code out} if it has points. */
    void addTo(List<MetricSnapshot> out) {
        if (gauge != null) {
            out.add(gauge.build());
        } else if (counter != null) {
            out.add(counter.build());
        } else if (untyped != null) {
            out.add(untyped.build());
        }
    }
}
