#!/bin/bash
# Demo stand-in for Dify's nginx entrypoint (see the project's e2e fixtures for a working one).
exec nginx -g 'daemon off;'
