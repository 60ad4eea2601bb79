package main

import "context"

func runExtract(ctx context.Context, e *env, args []string) error     { return nil }
func runSegment(ctx context.Context, e *env, args []string) error     { return nil }
func runEvalSegment(ctx context.Context, e *env, args []string) error { return nil }
func runVersion(ctx context.Context, e *env, args []string) error     { return nil }
