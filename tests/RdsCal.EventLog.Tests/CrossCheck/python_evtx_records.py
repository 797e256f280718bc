#!/usr/bin/python3
"""Prints every record python-evtx finds in an .evtx file as one JSON line: {"id", "offset", "xml"} or, where
python-evtx cannot render the record, {"id", "offset", "error"}. The cross-check tests parse the XML themselves."""
import json
import sys

import Evtx.Evtx as evtx

with evtx.Evtx(sys.argv[1]) as log:
    for chunk in log.chunks():
        for record in chunk.records():
            line = {"id": record.record_num(), "offset": record.offset()}
            try:
                line["xml"] = record.xml()
            except Exception as e:  # python-evtx raises many kinds on damaged records; each is reported, not fatal
                line["error"] = "%s: %s" % (type(e).__name__, e)
            print(json.dumps(line))
