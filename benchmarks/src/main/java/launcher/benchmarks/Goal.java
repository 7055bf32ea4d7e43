package launcher.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The minimum ratio against the class's {@link Baseline} that a benchmark method aims for. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Goal {

    /** Returns how many times cheaper than the baseline the method should be. */
    double atLeast();
}
