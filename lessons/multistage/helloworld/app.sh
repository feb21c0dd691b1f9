#!/bin/sh
echo "Hello from app"
