package dev.herald.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogScaleTest {

    @Test
    void latenciesGetTheWholeDecadesAroundThem() {
        assertThat(LogScale.decadesAround(3, 450)).isEqualTo(new LogScale(1, 1000));
        assertThat(LogScale.decadesAround(10, 10)).as("one value still gets a decade").isEqualTo(new LogScale(10, 100));
    }

    @Test
    void aDecadeTakesTheSameRoomWhereverItIs() {
        LogScale scale = new LogScale(1, 1000);

        assertThat(scale.fraction(10)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(scale.fraction(100)).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void aFewDecadesAreGriddedAtOneTwoAndFive() {
        assertThat(new LogScale(1, 100).ticks()).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0);
    }

    @Test
    void manyDecadesAreGriddedAtPowersOfTen() {
        assertThat(new LogScale(0.01, 1000).ticks()).hasSize(6).startsWith(0.01).endsWith(1000.0);
    }
}
