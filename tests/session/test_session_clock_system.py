import time

from iop_facilitator.session.clock import SystemClock


def test_system_clock_counts_time_through_suspend_where_the_platform_can() -> None:
    # CLOCK_BOOTTIME, where it exists, is the reading that keeps counting while suspended.
    clock = SystemClock()
    if hasattr(time, "CLOCK_BOOTTIME"):
        before = time.clock_gettime(time.CLOCK_BOOTTIME)
        reading = clock.monotonic()
        after = time.clock_gettime(time.CLOCK_BOOTTIME)
        assert before <= reading <= after
    else:
        before = time.monotonic()
        assert before <= clock.monotonic() <= time.monotonic()


def test_system_clock_never_goes_backwards() -> None:
    clock = SystemClock()
    readings = [clock.monotonic() for _ in range(1000)]
    assert readings == sorted(readings)
