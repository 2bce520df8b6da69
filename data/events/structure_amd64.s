//go:build amd64 && !purego

#include "textflag.h"

// func structureBlocks(b []byte, masks []uint64)
//
// For each 64-byte block i of b (len(b) >= 64*len(masks)), masks[i] gets
// bit j set when byte j of the block is a comma, a newline or a double
// quote: SSE2 (every amd64 processor has it), 16 bytes a compare.
TEXT ·structureBlocks(SB), NOSPLIT, $0-48
	MOVQ b_base+0(FP), SI
	MOVQ masks_base+24(FP), DI
	MOVQ masks_len+32(FP), CX
	MOVQ $0x2c2c2c2c2c2c2c2c, AX
	MOVQ AX, X1
	PUNPCKLQDQ X1, X1
	MOVQ $0x0a0a0a0a0a0a0a0a, AX
	MOVQ AX, X2
	PUNPCKLQDQ X2, X2
	MOVQ $0x2222222222222222, AX
	MOVQ AX, X3
	PUNPCKLQDQ X3, X3
	TESTQ CX, CX
	JZ done

loop:
	MOVOU 0(SI), X4
	MOVO X4, X5
	MOVO X4, X6
	PCMPEQB X1, X4
	PCMPEQB X2, X5
	PCMPEQB X3, X6
	POR X5, X4
	POR X6, X4
	PMOVMSKB X4, AX

	MOVOU 16(SI), X7
	MOVO X7, X8
	MOVO X7, X9
	PCMPEQB X1, X7
	PCMPEQB X2, X8
	PCMPEQB X3, X9
	POR X8, X7
	POR X9, X7
	PMOVMSKB X7, BX

	MOVOU 32(SI), X10
	MOVO X10, X11
	MOVO X10, X12
	PCMPEQB X1, X10
	PCMPEQB X2, X11
	PCMPEQB X3, X12
	POR X11, X10
	POR X12, X10
	PMOVMSKB X10, DX

	MOVOU 48(SI), X4
	MOVO X4, X5
	MOVO X4, X6
	PCMPEQB X1, X4
	PCMPEQB X2, X5
	PCMPEQB X3, X6
	POR X5, X4
	POR X6, X4
	PMOVMSKB X4, R8

	SHLQ $16, BX
	ORQ BX, AX
	SHLQ $32, DX
	ORQ DX, AX
	SHLQ $48, R8
	ORQ R8, AX
	MOVQ AX, 0(DI)

	ADDQ $64, SI
	ADDQ $8, DI
	DECQ CX
	JNZ loop

done:
	RET
