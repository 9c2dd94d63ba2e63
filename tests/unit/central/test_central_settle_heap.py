"""A server process freezes what it built before serving and collects its youngest generation less often."""

from __future__ import annotations

import json
import subprocess
import sys

from boxoffice.core.collector import YOUNG_GENERATION_THRESHOLD


def test_a_server_process_freezes_its_start_up_objects_and_spaces_young_collections() -> None:
    # in a process of its own: frozen objects stay for the life of the process (not this test run's)
    probe = ("import gc, json\n"
             "from boxoffice.central.scale_out import settle_heap\n"
             "before = gc.get_threshold()\n"
             "settle_heap()\n"
             "print(json.dumps({'before': before, 'after': gc.get_threshold(), 'frozen': gc.get_freeze_count()}))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    seen = json.loads(done.stdout)
    assert seen["frozen"] > 1_000  # the modules and objects imported so far
    assert seen["after"] == [YOUNG_GENERATION_THRESHOLD, *seen["before"][1:]]  # older generations as they were
    assert YOUNG_GENERATION_THRESHOLD > seen["before"][0]


def test_a_central_command_process_spaces_young_collections() -> None:
    probe = ("import gc, json, sys\n"
             "sys.argv = ['boxoffice-central', 'assign', '--help']\n"
             "from boxoffice.central.cli import main\n"
             "try:\n"
             "    main()\n"
             "except SystemExit:\n"
             "    pass\n"
             "print()\n"
             "print(json.dumps(gc.get_threshold()))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout.strip().splitlines()[-1])[0] == YOUNG_GENERATION_THRESHOLD
