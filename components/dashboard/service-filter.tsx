"use client";

import { useId } from "react";

interface ServiceFilterProps {
  services: readonly string[];
  /** null: all services */
  value: string | null;
  onChange: (service: string | null) => void;
}

/** Narrows a view to one service; a filtered service missing from this window stays selectable. */
export function ServiceFilter({ services, value, onChange }: ServiceFilterProps) {
  const id = useId();
  const options = value !== null && !services.includes(value) ? [value, ...services] : services;
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-zinc-700 dark:text-zinc-300">
        Service
      </label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
        className="max-w-[14rem] rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">All services</option>
        {options.map((service) => (
          <option key={service} value={service}>
            {services.includes(service) ? service : `${service} (no requests in this range)`}
          </option>
        ))}
      </select>
    </div>
  );
}
